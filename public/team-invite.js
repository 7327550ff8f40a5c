// The team page's copy button (progressive enhancement): without JavaScript, or without the
// Clipboard API, the button stays hidden and the link is selectable text in a read-only field.
for (const button of document.querySelectorAll('button[data-copy]')) {
  const field = document.getElementById(button.dataset.copy);
  const status = document.querySelector(`[data-copy-status="${button.dataset.copy}"]`);
  if (!(field instanceof HTMLInputElement) || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      if (status) status.textContent = button.dataset.copied ?? '';
    } catch {
      field.focus();
      field.select();
      if (status) status.textContent = button.dataset.failed ?? '';
    }
  });
}
