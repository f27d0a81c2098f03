// headrecon QC report: sorting and filtering of the subject table (no dependencies).
(function () {
  'use strict';
  var table = document.getElementById('subject-table');
  if (!table) { return; }
  var body = table.tBodies[0];
  var headers = table.tHead.rows[0].cells;
  var filter = document.getElementById('filter');
  var status = document.getElementById('status');
  var shown = document.getElementById('shown');

  function key(row, column, type) {
    var cell = row.cells[column];
    if (type === 'text') { return cell.textContent.toLowerCase(); }
    var v = cell.getAttribute('data-v');
    return v === null || v === '' ? null : parseFloat(v);
  }

  function sortBy(column) {
    var th = headers[column];
    var type = th.getAttribute('data-type');
    if (type === 'none') { return; }
    var descending = th.classList.contains('sorted-asc');
    for (var i = 0; i < headers.length; i++) { headers[i].classList.remove('sorted-asc', 'sorted-desc'); }
    th.classList.add(descending ? 'sorted-desc' : 'sorted-asc');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, column, type), y = key(b, column, type);
      if (x === null && y === null) { return 0; }
      if (x === null) { return 1; }   // empty cells last either way
      if (y === null) { return -1; }
      var c = x < y ? -1 : x > y ? 1 : 0;
      return descending ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function applyFilter() {
    var text = filter.value.toLowerCase();
    var verdict = status.value;
    var n = 0;
    Array.prototype.forEach.call(body.rows, function (r) {
      var visible = (!verdict || r.getAttribute('data-verdict') === verdict) &&
        (!text || r.textContent.toLowerCase().indexOf(text) >= 0);
      r.style.display = visible ? '' : 'none';
      if (visible) { n++; }
    });
    shown.textContent = n + ' of ' + body.rows.length + ' shown';
  }

  Array.prototype.forEach.call(headers, function (th, i) {
    th.addEventListener('click', function () { sortBy(i); });
  });
  filter.addEventListener('input', applyFilter);
  status.addEventListener('change', applyFilter);
  applyFilter();
})();
