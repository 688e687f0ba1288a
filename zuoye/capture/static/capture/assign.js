// Assigning a quarantined page by hand: the homework the page's code named is preselected, and
// the filter box narrows the (long, class-grouped) student list to names or classes containing
// what is typed; one match left is selected.
(function () {
  "use strict";
  document.querySelectorAll("form.assign").forEach(function (form) {
    var homework = form.querySelector("select[name=assignment]");
    var student = form.querySelector("select[name=student]");
    var filter = form.querySelector(".student-filter");
    if (homework && form.dataset.assignment) {
      homework.value = form.dataset.assignment;
    }
    if (!student || !filter) {
      return;
    }
    filter.addEventListener("input", function () {
      var typed = filter.value.trim();
      var shown = [];
      student.querySelectorAll("optgroup").forEach(function (group) {
        var groupMatches = group.label.indexOf(typed) !== -1;
        var any = false;
        group.querySelectorAll("option").forEach(function (option) {
          var match = !typed || groupMatches || option.textContent.indexOf(typed) !== -1;
          option.hidden = !match;
          option.disabled = !match;
          if (match) {
            any = true;
            shown.push(option);
          }
        });
        group.hidden = !any;
      });
      if (shown.length === 1) {
        student.value = shown[0].value;
      } else if (student.selectedOptions.length && student.selectedOptions[0].hidden) {
        student.value = "";
      }
    });
  });
})();
