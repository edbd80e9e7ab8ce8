// claimlint's renderer, shared by the page (`claimlint serve`) and the HTML
// report (`--format html`): a draft with every place of every finding
// marked, and the findings grouped by rule family with their fixes as
// -/+ diffs. Reports give byte offsets into UTF-8; everything here works
// in JavaScript string (UTF-16) indices, converted with offsetMap.
(function (global) {
  'use strict';

  // Rule families in the order the README lists them; others after.
  var FAMILIES = ['naming', 'acronym', 'terms', 'style', 'claims'];
  // Characters of context kept either side of a fix in a long diff line.
  var CONTEXT = 50;

  // A function from a UTF-8 byte offset of `text` to its UTF-16 index. An
  // offset inside a character maps to the character's start; one past the
  // end maps to the end.
  function offsetMap(text) {
    var bytes = 0;
    var i;
    var c;
    for (i = 0; i < text.length; i++) {
      bytes += unitBytes(text, i);
      if (isPair(text, i)) i++;
    }
    var map = new Int32Array(bytes + 1);
    var b = 0;
    for (i = 0; i < text.length; i++) {
      var n = unitBytes(text, i);
      for (c = 0; c < n; c++) map[b + c] = i;
      b += n;
      if (n === 4) i++;
    }
    map[b] = text.length;
    return function (offset) {
      if (!(offset > 0)) return 0;
      if (offset >= bytes) return text.length;
      return map[offset];
    };
  }

  function isPair(text, i) {
    var c = text.charCodeAt(i);
    return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length &&
      (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
  }

  // UTF-8 length of the character starting at UTF-16 index i (a lone
  // surrogate is sent as U+FFFD: three bytes).
  function unitBytes(text, i) {
    var c = text.charCodeAt(i);
    if (c < 0x80) return 1;
    if (c < 0x800) return 2;
    if (isPair(text, i)) return 4;
    return 3;
  }

  function family(rule) {
    var dot = rule.indexOf('.');
    return dot < 0 ? rule : rule.slice(0, dot);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The places of a finding as UTF-16 ranges: the primary one first.
  function places(finding, toU16) {
    var out = [{ start: toU16(finding.span.start), end: toU16(finding.span.end), primary: true }];
    finding.related.forEach(function (r) {
      out.push({ start: toU16(r.span.start), end: toU16(r.span.end), primary: false });
    });
    return out;
  }

  // Renders `text` into `container` with a <mark> over every place of
  // every finding: class cl-primary where some finding is about that
  // place, cl-related where it is only involved. data-f lists the
  // findings (indexes) a mark belongs to.
  function renderDraft(container, text, findings, toU16) {
    var marks = [];
    findings.forEach(function (f, index) {
      places(f, toU16).forEach(function (p) {
        if (p.end > p.start) marks.push({ start: p.start, end: p.end, primary: p.primary, index: index });
      });
    });
    var cuts = [0, text.length];
    marks.forEach(function (m) { cuts.push(m.start, m.end); });
    cuts.sort(function (a, b) { return a - b; });
    marks.sort(function (a, b) { return a.start - b.start; });
    var fragment = document.createDocumentFragment();
    var active = [];
    var next = 0;
    for (var k = 0; k < cuts.length - 1; k++) {
      var a = cuts[k];
      var b = cuts[k + 1];
      if (a === b) continue;
      active = active.filter(function (m) { return m.end > a; });
      while (next < marks.length && marks[next].start <= a) {
        if (marks[next].end > a) active.push(marks[next]);
        next++;
      }
      var piece = text.slice(a, b);
      if (active.length === 0) {
        fragment.appendChild(document.createTextNode(piece));
        continue;
      }
      var primary = active.some(function (m) { return m.primary; });
      var mark = el('mark', primary ? 'cl-mark cl-primary' : 'cl-mark cl-related', piece);
      var indexes = [];
      active.forEach(function (m) { if (indexes.indexOf(m.index) < 0) indexes.push(m.index); });
      indexes.sort(function (x, y) { return x - y; });
      mark.setAttribute('data-f', ' ' + indexes.join(' ') + ' ');
      fragment.appendChild(mark);
    }
    container.textContent = '';
    container.appendChild(fragment);
  }

  // Start of every line (UTF-16 indices), for line numbers.
  function lineStarts(text) {
    var starts = [0];
    for (var i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }

  function lineOf(starts, index) {
    var lo = 0;
    var hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= index) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // Where a diff line cut at `at` (no later than `limit`, the first edit)
  // starts: after the space that ends the word `at` falls in, else at
  // `limit`; spaces after the cut are left out too. A cut at the line's
  // start is no cut.
  function wordStart(text, at, limit) {
    if (at === 0 || /\s/.test(text.charAt(at - 1))) return at;
    var i = at;
    while (i < limit && !/\s/.test(text.charAt(i))) i++;
    if (i >= limit) return limit;
    while (i < limit && /\s/.test(text.charAt(i))) i++;
    return i;
  }

  // Where a diff line cut at `at` (no earlier than `limit`, the last
  // edit's end) ends: before the space that starts the word `at` falls
  // in, else at `limit`; spaces before the cut are left out too.
  function wordEnd(text, at, limit) {
    if (at >= text.length || /\s/.test(text.charAt(at))) return at;
    var i = at;
    while (i > limit && !/\s/.test(text.charAt(i - 1))) i--;
    if (i <= limit) return limit;
    while (i > limit && /\s/.test(text.charAt(i - 1))) i--;
    return i;
  }

  // The -/+ lines of a fix: each group of lines its edits touch, before
  // and after, long lines cut to the context around the edits.
  function diffLines(text, starts, edits) {
    var groups = [];
    edits.forEach(function (e) {
      var first = lineOf(starts, e.start);
      var last = lineOf(starts, Math.max(e.start, e.end - 1));
      var g = groups[groups.length - 1];
      if (g && first <= g.last) {
        g.last = Math.max(g.last, last);
        g.edits.push(e);
      } else {
        groups.push({ first: first, last: last, edits: [e] });
      }
    });
    var out = [];
    groups.forEach(function (g) {
      var from = starts[g.first];
      var to = g.last + 1 < starts.length ? starts[g.last + 1] - 1 : text.length;
      if (to > from && text.charAt(to - 1) === '\r') to--;
      var lo = wordStart(text, Math.max(from, g.edits[0].start - CONTEXT), g.edits[0].start);
      var hi = wordEnd(text, Math.min(to, g.edits[g.edits.length - 1].end + CONTEXT),
        g.edits[g.edits.length - 1].end);
      var before = [];
      var after = [];
      var at = lo;
      g.edits.forEach(function (e) {
        before.push({ text: text.slice(at, e.start) }, { text: text.slice(e.start, e.end), changed: true });
        after.push({ text: text.slice(at, e.start) }, { text: e.replacement, changed: true });
        at = e.end;
      });
      before.push({ text: text.slice(at, hi) });
      after.push({ text: text.slice(at, hi) });
      var head = lo > from ? '…' : '';
      var tail = hi < to ? '…' : '';
      out.push({ line: g.first + 1, sign: '-', pieces: before, head: head, tail: tail });
      out.push({ line: g.first + 1, sign: '+', pieces: after, head: head, tail: tail });
    });
    return out;
  }

  // A fix's edits as UTF-16 ranges, sorted.
  function u16Edits(fix, toU16) {
    return fix.edits.map(function (e) {
      return { start: toU16(e.start), end: toU16(e.end), replacement: e.replacement };
    }).sort(function (a, b) { return a.start - b.start || a.end - b.end; });
  }

  // `text` with the edits (byte offsets) applied, last to first.
  function applyEdits(text, edits) {
    var toU16 = offsetMap(text);
    var sorted = u16Edits({ edits: edits }, toU16);
    for (var i = sorted.length - 1; i >= 0; i--) {
      var e = sorted[i];
      text = text.slice(0, e.start) + e.replacement + text.slice(e.end);
    }
    return text;
  }

  function renderDiff(lines) {
    var pre = el('pre', 'cl-diff');
    lines.forEach(function (l) {
      var row = el('span', l.sign === '-' ? 'cl-del' : 'cl-add');
      row.appendChild(document.createTextNode(l.sign + ' ' + l.line + ' │ ' + l.head));
      l.pieces.forEach(function (p) {
        if (p.changed) {
          row.appendChild(el(l.sign === '-' ? 'del' : 'ins', '', p.text));
        } else {
          row.appendChild(document.createTextNode(p.text));
        }
      });
      row.appendChild(document.createTextNode(l.tail + '\n'));
      pre.appendChild(row);
    });
    return pre;
  }

  var FIX_LABELS = {
    safe: 'fix (safe)',
    unsafe: 'fix (unsafe: check it first)',
    'display-only': 'suggestion (not applied automatically)'
  };

  // Renders the findings panel: groups by rule family, each finding with
  // its severity, rule, place, message and fix. opts.onApply (absent in a
  // read-only view) adds an Apply button to every applicable fix.
  function renderFindings(container, text, findings, toU16, opts) {
    container.textContent = '';
    if (findings.length === 0) {
      container.appendChild(el('p', 'cl-empty', opts.emptyText || 'No findings.'));
      return;
    }
    var starts = lineStarts(text);
    var byFamily = {};
    var order = FAMILIES.slice();
    findings.forEach(function (f, index) {
      var name = family(f.rule);
      if (!byFamily[name]) byFamily[name] = [];
      if (order.indexOf(name) < 0) order.push(name);
      byFamily[name].push(index);
    });
    var idPrefix = opts.idPrefix || 'cl';
    order.forEach(function (name) {
      var indexes = byFamily[name];
      if (!indexes) return;
      var section = el('section', 'cl-group');
      var headingId = idPrefix + '-family-' + name;
      section.setAttribute('aria-labelledby', headingId);
      var heading = el('h3', 'cl-family', name + ' ');
      heading.id = headingId;
      heading.appendChild(el('span', 'cl-count', String(indexes.length)));
      section.appendChild(heading);
      var list = el('ol', 'cl-list');
      indexes.forEach(function (index) {
        var f = findings[index];
        var item = el('li', 'cl-finding cl-sev-' + f.severity);
        item.setAttribute('data-index', String(index));
        var head = el('button', 'cl-finding-head');
        head.type = 'button';
        head.setAttribute('aria-pressed', 'false');
        var meta = el('span', 'cl-meta');
        meta.appendChild(el('span', 'cl-sev', f.severity));
        meta.appendChild(el('code', 'cl-rule', f.rule));
        meta.appendChild(el('span', 'cl-loc', 'line ' + f.span.line + ', column ' + f.span.column));
        head.appendChild(meta);
        head.appendChild(el('span', 'cl-msg', f.message));
        var count = 1 + f.related.length;
        head.setAttribute('aria-label', f.severity + ', ' + f.rule + ', line ' + f.span.line +
          ': ' + f.message + ' (' + count + (count === 1 ? ' place' : ' places') + '; show them)');
        item.appendChild(head);
        if (f.fix) {
          var fix = el('div', 'cl-fix');
          fix.appendChild(el('div', 'cl-fix-label', FIX_LABELS[f.fix.applicability] || f.fix.applicability));
          fix.appendChild(renderDiff(diffLines(text, starts, u16Edits(f.fix, toU16))));
          if (opts.onApply && f.fix.applicability !== 'display-only') {
            var apply = el('button', 'cl-apply', f.fix.applicability === 'safe' ? 'Apply' : 'Apply (unsafe)');
            apply.type = 'button';
            apply.setAttribute('data-apply', String(index));
            apply.setAttribute('aria-label', 'Apply the fix: ' + f.message);
            fix.appendChild(apply);
          }
          item.appendChild(fix);
        }
        list.appendChild(item);
      });
      section.appendChild(list);
      container.appendChild(section);
    });
  }

  // Marks finding `index` as the current one: its places in the draft
  // get cl-current and the first is scrolled into view; its entry in the
  // list is pressed.
  function select(view, list, index) {
    var marks = view.querySelectorAll('mark.cl-current');
    var i;
    for (i = 0; i < marks.length; i++) marks[i].classList.remove('cl-current');
    var pressed = list.querySelectorAll('.cl-finding-head[aria-pressed="true"]');
    for (i = 0; i < pressed.length; i++) pressed[i].setAttribute('aria-pressed', 'false');
    var current = list.querySelectorAll('.cl-finding.cl-selected');
    for (i = 0; i < current.length; i++) current[i].classList.remove('cl-selected');
    if (index === null || index === undefined) return;
    var mine = view.querySelectorAll('mark[data-f~="' + index + '"]');
    for (i = 0; i < mine.length; i++) mine[i].classList.add('cl-current');
    if (mine.length > 0) mine[0].scrollIntoView({ block: 'center', inline: 'nearest' });
    var item = list.querySelector('.cl-finding[data-index="' + index + '"]');
    if (item) {
      item.classList.add('cl-selected');
      var head = item.querySelector('.cl-finding-head');
      if (head) head.setAttribute('aria-pressed', 'true');
    }
  }

  // Renders one checked draft into a view and a findings list, and wires
  // them: clicking a finding shows its places, clicking a mark shows its
  // finding. Returns { select(index), selected() }.
  function mount(view, list, text, findings, opts) {
    opts = opts || {};
    var toU16 = offsetMap(text);
    renderDraft(view, text, findings, toU16);
    renderFindings(list, text, findings, toU16, opts);
    var selected = null;
    function choose(index) {
      selected = index;
      select(view, list, index);
    }
    list.onclick = function (event) {
      var apply = event.target.closest('[data-apply]');
      if (apply && opts.onApply) {
        opts.onApply(findings[Number(apply.getAttribute('data-apply'))]);
        return;
      }
      var head = event.target.closest('.cl-finding-head');
      if (head) choose(Number(head.parentNode.getAttribute('data-index')));
    };
    view.onclick = function (event) {
      var mark = event.target.closest('mark[data-f]');
      if (!mark) return;
      var index = Number(mark.getAttribute('data-f').trim().split(' ')[0]);
      choose(index);
      var item = list.querySelector('.cl-finding[data-index="' + index + '"]');
      if (item) item.scrollIntoView({ block: 'nearest' });
    };
    return {
      select: choose,
      selected: function () { return selected; }
    };
  }

  function plural(n, one, many) {
    return n + ' ' + (n === 1 ? one : many);
  }

  // The HTML report: one section per file of a JSON report, read-only.
  // data: { report: <the JSON report>, texts: [text of each file] }.
  function mountReport(root, data) {
    var report = data.report;
    var summary = el('p', 'cl-summary', plural(report.summary.files, 'file', 'files') + ', ' +
      plural(report.summary.findings, 'finding', 'findings') + ', ' +
      plural(report.summary.errors, 'file that could not be read', 'files that could not be read') + '.');
    root.appendChild(summary);
    report.errors.forEach(function (e) {
      root.appendChild(el('p', 'cl-error', e.path + ': ' + e.message));
    });
    report.files.forEach(function (file, n) {
      var section = el('section', 'cl-file');
      var headingId = 'file-' + n;
      section.setAttribute('aria-labelledby', headingId);
      var heading = el('h2', 'cl-path', file.path + ' ');
      heading.id = headingId;
      heading.appendChild(el('span', 'cl-count', plural(file.findings.length, 'finding', 'findings')));
      section.appendChild(heading);
      var body = el('div', 'cl-panes');
      var view = el('div', 'cl-draft');
      view.setAttribute('role', 'region');
      view.setAttribute('aria-label', file.path + ' with findings marked');
      view.tabIndex = 0;
      var side = el('div', 'cl-side');
      side.setAttribute('role', 'region');
      side.setAttribute('aria-label', 'Findings in ' + file.path);
      body.appendChild(view);
      body.appendChild(side);
      section.appendChild(body);
      root.appendChild(section);
      mount(view, side, data.texts[n] || '', file.findings, { idPrefix: 'f' + n });
    });
  }

  global.ClaimlintRender = {
    offsetMap: offsetMap,
    applyEdits: applyEdits,
    mount: mount,
    mountReport: mountReport,
    family: family
  };
})(window);
