// Material's inline head script (material/templates/partials/javascripts/base.html, Material 9.8),
// moved to a file so that the Content-Security-Policy needs no inline script; the scope, which differs
// from page to page, comes from the script element's data-ck-scope (theme/partials/javascripts/base.html).
__md_scope=new URL(document.currentScript.getAttribute("data-ck-scope"),location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
