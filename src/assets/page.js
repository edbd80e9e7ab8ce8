// The page of `claimlint serve`: the editor's draft is sent to
// POST /api/check as they type (debounced), and the report is rendered
// with render.js. Fixes are applied here, the way `claimlint check --fix`
// applies them: in finding order, skipping a fix that collides with one
// already taken, re-checking after each pass, at most MAX_PASSES passes.
// One level of undo: the text before the last fix (one or all), until the
// draft is edited by hand.
(function () {
  'use strict';

  var DEBOUNCE_MS = 250;
  var MAX_PASSES = 10;
  var R = window.ClaimlintRender;

  var draft = document.getElementById('draft');
  var view = document.getElementById('view');
  var list = document.getElementById('findings');
  var count = document.getElementById('count');
  var status = document.getElementById('status');
  var format = document.getElementById('format');
  var style = document.getElementById('style');
  var date = document.getElementById('date');
  var open = document.getElementById('open');
  var fixAll = document.getElementById('fix-all');
  var undo = document.getElementById('undo');
  var copy = document.getElementById('copy');
  var download = document.getElementById('download');

  // The text the shown report is about, and the report.
  var checked = { text: null, findings: [] };
  // The name of the file opened, for downloading; none for a pasted draft.
  var fileName = null;
  var timer = null;
  // The text before the last fix and the text the fix wrote; null when
  // there is nothing to undo.
  var undoable = null;
  var sequence = 0;
  var inputAt = null;
  // Keystroke-to-highlight times (ms), for measuring the page.
  window.claimlintTimings = [];

  function setStatus(message, isError) {
    status.textContent = message;
    status.classList.toggle('cl-status-error', !!isError);
  }

  function request(text) {
    return fetch('/api/check', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        text: text,
        format: format.value,
        style: style.value || null,
        date: date.value || null
      })
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
        return body.files[0].findings;
      });
    });
  }

  function show(text, findings) {
    checked = { text: text, findings: findings };
    R.mount(view, list, text, findings, {
      onApply: applyOne,
      emptyText: text.trim() === '' ? 'Paste or open a draft to check it.' : 'No findings: the draft agrees with itself.'
    });
    var safe = findings.filter(function (f) { return f.fix && f.fix.applicability === 'safe'; }).length;
    count.textContent = String(findings.length);
    fixAll.disabled = safe === 0;
    setStatus(findings.length === 0 ? 'No findings.' :
      findings.length + (findings.length === 1 ? ' finding' : ' findings') +
      (safe ? ', ' + safe + ' with a safe fix.' : '.'));
  }

  // Checks the textarea's text now; a newer check wins over an older one.
  function check() {
    clearTimeout(timer);
    timer = null;
    var mine = ++sequence;
    var text = draft.value;
    var started = inputAt;
    setStatus('Checking…');
    return request(text).then(function (findings) {
      if (mine !== sequence) return;
      show(text, findings);
      if (started !== null) {
        window.claimlintTimings.push(performance.now() - started);
        inputAt = null;
      }
    }, function (error) {
      if (mine !== sequence) return;
      setStatus('Could not check: ' + error.message, true);
    });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(check, DEBOUNCE_MS);
  }

  function setText(text) {
    draft.value = text;
    return check();
  }

  function current() {
    // A report about an older text cannot be applied to this one.
    if (checked.text !== draft.value) {
      setStatus('The draft changed; checking again before applying.');
      check();
      return false;
    }
    return true;
  }

  // Keeps `before` to undo the fix that wrote `after`.
  function rememberFix(before, after) {
    undoable = before === after ? undoable : { before: before, after: after };
    undo.disabled = undoable === null;
  }

  function forgetFix() {
    undoable = null;
    undo.disabled = true;
  }

  function undoFix() {
    if (undoable === null || draft.readOnly) return;
    var before = undoable.before;
    forgetFix();
    setText(before).then(function () {
      setStatus(status.textContent + ' Undid the last fix.');
    });
  }

  function applyOne(finding) {
    if (!current() || !finding.fix) return;
    var before = checked.text;
    var after = R.applyEdits(before, finding.fix.edits);
    rememberFix(before, after);
    setText(after).then(function () {
      setStatus(status.textContent + ' Applied: ' + finding.message);
    });
  }

  // The edits of the safe fixes of one pass, as `claimlint check --fix`
  // chooses them.
  function safeEdits(findings) {
    var taken = [];
    findings.forEach(function (f) {
      if (!f.fix || f.fix.applicability !== 'safe') return;
      var fits = f.fix.edits.every(function (e) {
        return !taken.some(function (t) {
          return (t.start < e.end && e.start < t.end) || t.start === e.start;
        });
      });
      if (fits) taken = taken.concat(f.fix.edits);
    });
    return taken;
  }

  function applyAllSafe() {
    if (!current()) return;
    fixAll.disabled = true;
    // The passes rewrite the draft: no typing meanwhile.
    draft.readOnly = true;
    var text = checked.text;
    var findings = checked.findings;
    var seen = [];
    var passes = 0;
    function pass() {
      var edits = safeEdits(findings);
      if (passes >= MAX_PASSES || edits.length === 0) return Promise.resolve();
      var next = R.applyEdits(text, edits);
      if (next === text || seen.indexOf(next) >= 0) return Promise.resolve();
      seen.push(text);
      text = next;
      passes++;
      return request(text).then(function (found) {
        findings = found;
        return pass();
      });
    }
    var before = text;
    pass().then(function () {
      draft.readOnly = false;
      rememberFix(before, text);
      draft.value = text;
      show(text, findings);
      setStatus(status.textContent + ' Applied the safe fixes (' + passes +
        (passes === 1 ? ' pass).' : ' passes).'));
    }, function (error) {
      draft.readOnly = false;
      setStatus('Could not apply the fixes: ' + error.message, true);
      fixAll.disabled = false;
    });
  }

  function copyText() {
    var done = function () { setStatus('Copied the text.'); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(draft.value).then(done, function () { fallbackCopy(done); });
    } else {
      fallbackCopy(done);
    }
  }

  function fallbackCopy(done) {
    draft.focus();
    draft.select();
    if (document.execCommand('copy')) done(); else setStatus('Select the text and copy it.', true);
  }

  function downloadText() {
    var blob = new Blob([draft.value], { type: 'text/plain;charset=utf-8' });
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = fileName || (format.value === 'md' ? 'draft.md' : 'draft.txt');
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function openFile() {
    var file = open.files && open.files[0];
    if (!file) return;
    fileName = file.name;
    format.value = /\.(md|markdown)$/i.test(file.name) ? 'md' : 'txt';
    file.text().then(function (text) {
      forgetFix();
      return setText(text);
    }, function (error) {
      setStatus('Could not read ' + file.name + ': ' + error.message, true);
    });
  }

  function loadSettings() {
    return fetch('/api/settings').then(function (r) { return r.json(); }).then(function (settings) {
      style.textContent = '';
      var none = document.createElement('option');
      none.value = '';
      none.textContent = settings.style ? 'Server default (' + settings.style + ')' : 'None (built-in rules)';
      style.appendChild(none);
      settings.styles.forEach(function (name) {
        var option = document.createElement('option');
        option.value = name;
        option.textContent = name;
        style.appendChild(option);
      });
      if (settings.date) date.placeholder = settings.date;
    }, function () {
      setStatus('Could not load the style packs.', true);
    });
  }

  draft.addEventListener('input', function () {
    // Undoing now would throw away what was typed since the fix.
    if (undoable !== null && draft.value !== undoable.after) forgetFix();
    if (inputAt === null) inputAt = performance.now();
    later();
  });
  [format, style, date].forEach(function (control) {
    control.addEventListener('change', check);
  });
  open.addEventListener('change', openFile);
  fixAll.addEventListener('click', applyAllSafe);
  undo.addEventListener('click', undoFix);
  copy.addEventListener('click', copyText);
  download.addEventListener('click', downloadText);
  fixAll.disabled = true;
  undo.disabled = true;
  loadSettings().then(check);
})();
