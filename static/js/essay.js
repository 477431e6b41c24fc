// Essay answers: a live word count under each answer box, counted as the server counts
// (quizzes/essays.py: runs of letters or digits, inner hyphens and apostrophes kept).
// Without JavaScript the limits are still shown and checked when the attempt is submitted.
(function () {
  "use strict";
  var WORD;
  try {
    WORD = new RegExp("[\\p{L}\\p{N}\\p{M}_]+(?:[-'\u2019][\\p{L}\\p{N}\\p{M}_]+)*", "gu");
  } catch (e) {
    return; // an old browser: the server's count on submit is enough
  }
  function count(text) {
    var found = text.match(WORD);
    return found ? found.length : 0;
  }
  document.querySelectorAll("textarea[data-essay]").forEach(function (box) {
    var output = document.getElementById(box.getAttribute("data-essay"));
    if (!output) return;
    var low = parseInt(box.getAttribute("data-min-words") || "0", 10);
    var high = parseInt(box.getAttribute("data-max-words") || "0", 10);
    var template = output.getAttribute("data-template") || "{count}";
    function update() {
      var words = count(box.value);
      output.textContent = template.replace("{count}", String(words));
      var outside = words > 0 && ((low && words < low) || (high && words > high));
      output.classList.toggle("essay-count-outside", Boolean(outside));
    }
    box.addEventListener("input", update);
    output.hidden = false;
    update();
  });
})();
