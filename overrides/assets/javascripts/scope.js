// Material's partials/javascripts/base.html (Material for MkDocs 9.8.1, MIT): the scope and helpers its other scripts
// keep a visitor's choices under (__md_get/__md_set, e.g. the colour scheme). One cached file instead of 0.4 KB inline
// in every page (overrides/partials/javascripts/base.html). The scope is the site's root, which is two folders above
// this file, so it is the same address Material computed from the page's relative base_url.
__md_scope=new URL("../..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
