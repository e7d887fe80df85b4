// Progressive enhancement only: every link works without this file.
"use strict";

document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-copy-url]");
  if (!link || !navigator.clipboard) {
    return;
  }
  event.preventDefault();
  navigator.clipboard.writeText(link.dataset.copyUrl).then(() => {
    link.textContent = link.dataset.copiedText;
  }, () => {
    window.location.href = link.href;
  });
});
