// A survey page's status line was written on the build date; correct it for today's date in
// the browser (a page built while the survey ran stays online after it ends).
(function () {
  var el = document.querySelector(".survey-status");
  if (!el) return;
  var end = el.getAttribute("data-survey-end");
  var today = new Date().toISOString().slice(0, 10);
  if (today > end && el.textContent.indexOf("trwa") >= 0) {
    el.textContent = "Badanie zakończone " + el.getAttribute("data-survey-end-text") +
      "; wyniki opublikowano przed jego końcem i mogą być wstępne.";
  }
})();
