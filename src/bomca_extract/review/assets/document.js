// A click on a highlighted mention shows its details (as text, never as markup) in the detail box.
(function () {
  "use strict";
  const box = document.getElementById("detail");
  const container = document.getElementById("text");
  if (!box || !container) return;
  let selected = null;
  container.addEventListener("click", function (event) {
    const mark = event.target.closest("mark");
    if (!mark) return;
    if (selected) selected.classList.remove("selected");
    selected = mark;
    mark.classList.add("selected");
    box.textContent = mark.title + "\ntext: " + mark.textContent + "\noffsets: " + mark.dataset.start + "–" + mark.dataset.end;
    box.hidden = false;
  });
})();
