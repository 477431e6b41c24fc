// Practice questions in a lesson (templates/blocks/practice_question.html): "Check" marks
// each answer right or wrong with its feedback and shows the explanation; "Try again"
// starts over. Nothing is sent anywhere, so it works offline. Without JavaScript the
// "Show the answer" details element does the job.
(function () {
  "use strict";

  function setUp(block) {
    var actions = block.querySelector("[data-practice-actions]");
    var check = block.querySelector("[data-practice-check]");
    var retry = block.querySelector("[data-practice-retry]");
    var verdict = block.querySelector("[data-practice-verdict]");
    var explanation = block.querySelector("[data-practice-explanation]");
    var answer = block.querySelector("[data-practice-answer]");
    var options = Array.prototype.slice.call(block.querySelectorAll(".practice-option"));
    if (!actions || !check || !retry || !verdict) return;

    function message(name) {
      var element = block.querySelector('[data-practice-message="' + name + '"]');
      return element ? element.textContent : "";
    }

    function inputOf(option) { return option.querySelector("input"); }
    function resultOf(option) { return option.querySelector(".practice-result"); }

    function onCheck() {
      var chosen = options.filter(function (option) { return inputOf(option).checked; });
      if (!chosen.length) {
        verdict.textContent = message("empty");
        return;
      }
      var right = options.every(function (option) {
        return inputOf(option).checked === (option.getAttribute("data-correct") === "true");
      });
      options.forEach(function (option) {
        var input = inputOf(option);
        var result = resultOf(option);
        var correct = option.getAttribute("data-correct") === "true";
        input.disabled = true;
        option.classList.toggle("is-chosen", input.checked);
        // The correct answers, and the learner's wrong ones, get their mark and feedback.
        if (result && (correct || input.checked)) {
          result.hidden = false;
          input.setAttribute("aria-describedby", result.id);
        }
      });
      block.classList.add(right ? "is-right" : "is-wrong");
      verdict.textContent = message(right ? "right" : "wrong");
      if (explanation) explanation.hidden = false;
      check.hidden = true;
      retry.hidden = false;
      retry.focus();
    }

    function onRetry() {
      options.forEach(function (option) {
        var input = inputOf(option);
        var result = resultOf(option);
        input.disabled = false;
        input.checked = false;
        input.removeAttribute("aria-describedby");
        option.classList.remove("is-chosen");
        if (result) result.hidden = true;
      });
      block.classList.remove("is-right", "is-wrong");
      verdict.textContent = "";
      if (explanation) explanation.hidden = true;
      retry.hidden = true;
      check.hidden = false;
      if (options.length) inputOf(options[0]).focus();
    }

    check.addEventListener("click", onCheck);
    retry.addEventListener("click", onRetry);
    actions.hidden = false;
    // With "Check" at hand, the answer is not shown beside the question.
    if (answer) answer.hidden = true;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-practice]"), setUp);
})();
