// The documents table: a click on a header sorts by that column (again: the other way); the
// text filter and the status select hide the rows that do not match.
(function () {
  "use strict";
  const table = document.getElementById("documents");
  if (!table) return;
  const body = table.tBodies[0];
  const filter = document.getElementById("filter");
  const status = document.getElementById("status-filter");

  function key(row, column, numeric) {
    const cell = row.cells[column];
    const value = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
    if (!numeric) return value.toLowerCase();
    return value === "" ? -Infinity : Number(value);
  }

  function sort(header) {
    const column = header.cellIndex;
    const numeric = header.dataset.type === "number";
    const ascending = header.getAttribute("aria-sort") !== "ascending";
    for (const other of table.tHead.rows[0].cells) other.removeAttribute("aria-sort");
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const rows = Array.from(body.rows);
    rows.sort(function (a, b) {
      const x = key(a, column, numeric), y = key(b, column, numeric);
      const order = x < y ? -1 : x > y ? 1 : 0;
      return ascending ? order : -order;
    });
    for (const row of rows) body.appendChild(row);
  }

  function apply() {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    const wanted = status ? status.value : "";
    for (const row of body.rows) {
      const content = row.textContent.toLowerCase();
      const shown = words.every(function (word) { return content.includes(word); }) &&
        (wanted === "" || row.dataset.status === wanted);
      row.hidden = !shown;
    }
    const count = document.getElementById("shown");
    if (count) count.textContent = String(Array.from(body.rows).filter(function (r) { return !r.hidden; }).length);
  }

  for (const header of table.tHead.rows[0].cells) header.addEventListener("click", function () { sort(header); });
  if (filter) filter.addEventListener("input", apply);
  if (status) status.addEventListener("change", apply);
  apply();
})();
