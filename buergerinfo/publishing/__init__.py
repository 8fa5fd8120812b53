"""Publishing a built site: the hosts' limits, the checks before an upload, rsync and S3 uploads.

Works on the folder `make site` wrote and nothing else: no data, no MkDocs. See README, "Publishing".
"""
