// The article form keeps what the member types on the server every few seconds
// (editorial/autosave.py), so a crash loses nothing, and counts each body's words as
// they are typed. Nothing is published or saved to the article by this.
"use strict";

(function () {
  const INTERVAL = 3000;
  const editors = new Map(); // textarea → its rich-text editor
  let dirty = false;

  document.addEventListener("prose-editor:ready", (event) => {
    const { editor, textarea } = event.detail;
    editors.set(textarea, editor);
    editor.on("update", () => {
      dirty = true;
      countWords(textarea);
    });
    countWords(textarea);
  });

  function valueOf(element) {
    const editor = editors.get(element);
    return editor ? editor.getHTML() : element.value;
  }

  function textOf(element) {
    const editor = editors.get(element);
    if (editor) {
      return editor.getText();
    }
    return new DOMParser().parseFromString(element.value, "text/html").body.textContent;
  }

  function countWords(textarea) {
    const status = document.getElementById("autosave-status");
    if (!status || !textarea.name.startsWith("body_")) {
      return;
    }
    let counter = document.getElementById(`${textarea.id}-words`);
    if (!counter) {
      counter = document.createElement("p");
      counter.id = `${textarea.id}-words`;
      counter.className = "word-count-live";
      counter.setAttribute("aria-live", "polite");
      const wrapper = textarea.closest(".prose-editor") || textarea;
      wrapper.after(counter);
    }
    const words = textOf(textarea).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
    counter.textContent = `${words.length} ${status.dataset.words}`;
  }

  function fields(form, status) {
    const values = {};
    for (const element of form.elements) {
      if (!element.name || element.disabled) {
        continue;
      }
      if (element.tagName === "TEXTAREA" || ["text", "hidden", "url"].includes(element.type)) {
        values[element.name] = valueOf(element);
      }
    }
    return values;
  }

  async function keep(form, status, leaving = false) {
    dirty = false;
    const payload = { fields: {} };
    const allowed = JSON.parse(status.dataset.fields || "null");
    for (const [name, value] of Object.entries(fields(form, status))) {
      if (!allowed || allowed.includes(name)) {
        payload.fields[name] = value;
      }
    }
    const body = JSON.stringify(payload);
    try {
      const response = await fetch(status.dataset.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-CSRFToken": form.elements.csrfmiddlewaretoken.value,
        },
        body,
        credentials: "same-origin",
        // A page that is going away may still finish this one request (browsers
        // allow it for bodies up to 64 KiB; a longer one is sent all the same).
        keepalive: leaving && new TextEncoder().encode(body).length < 60000,
      });
      const answer = await response.json();
      if (!response.ok) {
        throw new Error(answer.error || response.status);
      }
      const at = new Date(answer.saved_at).toLocaleTimeString();
      status.textContent = `${status.dataset.saved} ${at}`;
      status.dataset.keptAt = answer.saved_at;
    } catch (error) {
      dirty = true;
      status.textContent = `${status.dataset.failed} ${error.message}`;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const status = document.getElementById("autosave-status");
    const form = document.getElementById("article_form");
    if (!status || !form) {
      return;
    }
    form.addEventListener("input", () => {
      dirty = true;
    });
    form.addEventListener("input", (event) => {
      if (event.target.name && event.target.name.startsWith("body_")) {
        countWords(event.target);
      }
    });
    form.querySelectorAll("textarea[name^='body_']").forEach(countWords);
    form.addEventListener("submit", () => {
      dirty = false;
    });
    setInterval(() => {
      if (dirty) {
        keep(form, status);
      }
    }, INTERVAL);
    // Closing the tab, navigating away or hiding the page keeps what was typed since
    // the last interval, so a closed window loses nothing.
    const leave = () => {
      if (dirty) {
        keep(form, status, true);
      }
    };
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") {
        leave();
      }
    });
  });
})();
