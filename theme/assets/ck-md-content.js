// Material's inline script after the content (material/templates/partials/javascripts/content.html,
// Material 9.8), moved to a file for the Content-Security-Policy: opens the tab a link points to.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
