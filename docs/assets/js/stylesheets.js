// The theme's stylesheets and ours, joined into one file, are linked as media="print" with
// data-nonblocking (overrides/main.html): a print stylesheet does not hold up the first paint,
// and the rules the first screen needs come first (assets/css/critical.css). It applies to the
// screen as soon as it has loaded. This was an onload attribute, which the Content Security
// Policy forbids like any inline script.
(function () {
  var links = document.querySelectorAll('link[rel="stylesheet"][data-nonblocking]');
  function apply(link) { link.media = "all"; }
  for (var i = 0; i < links.length; i++) {
    var link = links[i];
    if (link.sheet) apply(link);  // loaded before this script ran
    else link.addEventListener("load", apply.bind(null, link));
  }
})();
