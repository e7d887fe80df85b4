// Footnote markers in the article form: each citation row gets a button that puts its
// marker, e.g. [3], into the body being edited, at the cursor. New rows get the next
// free marker number, so nobody types numbers by hand; the page numbers notes by first
// appearance, so inserting a citation in the middle keeps the numbering right.
"use strict";

(function () {
  let lastBody = null;
  let lastEditor = null;
  const editors = new Map(); // body textarea → its rich-text editor

  document.addEventListener("prose-editor:ready", (event) => {
    const { editor, textarea } = event.detail;
    if (!textarea.name || !textarea.name.startsWith("body_")) {
      return;
    }
    editors.set(textarea, editor);
    editor.on("focus", () => {
      lastEditor = editor;
      lastBody = textarea;
    });
  });

  function bodies() {
    return document.querySelectorAll("textarea[name^='body_']");
  }

  function keyInputs() {
    return document.querySelectorAll("input.citation-key");
  }

  function nextKey() {
    let highest = 0;
    keyInputs().forEach((input) => {
      const value = parseInt(input.value, 10);
      if (value > highest) {
        highest = value;
      }
    });
    return highest + 1;
  }

  function insertMarker(key) {
    const marker = `[${key}]`;
    const editor = lastEditor || editors.get(lastBody || bodies()[0]);
    if (editor) {
      editor.chain().focus().insertContent(marker).run();
      return;
    }
    const target = lastBody || bodies()[0];
    if (!target) {
      return;
    }
    const start = target.selectionStart ?? target.value.length;
    const end = target.selectionEnd ?? start;
    target.value = target.value.slice(0, start) + marker + target.value.slice(end);
    target.focus();
    target.selectionStart = target.selectionEnd = start + marker.length;
    target.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function decorate(row) {
    const input = row.querySelector("input.citation-key");
    if (!input || row.querySelector(".citation-insert")) {
      return;
    }
    if (!input.value && !row.classList.contains("empty-form")) {
      input.value = nextKey();
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button citation-insert";
    button.textContent = input.dataset.insertLabel;
    button.addEventListener("click", () => {
      if (!input.value) {
        input.value = nextKey();
      }
      insertMarker(input.value);
    });
    input.insertAdjacentElement("afterend", button);
  }

  document.addEventListener("focusin", (event) => {
    if (event.target.matches("textarea[name^='body_']")) {
      lastBody = event.target;
    }
  });

  document.addEventListener("DOMContentLoaded", () => {
    keyInputs().forEach((input) => decorate(input.closest("tr")));
  });

  window.addEventListener("load", () => {
    const match = window.location.hash.match(/^#language-([a-z]{2})$/);
    if (!match) {
      return;
    }
    document.querySelectorAll(".ui-tabs-nav a").forEach((tab) => {
      if (tab.textContent.trim() === match[1]) {
        tab.click();
      }
    });
  });

  document.addEventListener("formset:added", (event) => {
    decorate(event.target);
  });
})();
