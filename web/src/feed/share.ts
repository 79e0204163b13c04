// Sharing an item's page: the system share sheet where there is one, else the link is copied (a
// prompt with the link when even that fails). Shared by the feed and the video page.

/** Shares `path` (same origin); says whether the link was copied, so the caller can say so. */
export async function shareLink(path: string, title: string, promptLabel: string): Promise<'shared' | 'copied' | 'cancelled' | 'prompted'> {
  const url = `${window.location.origin}${path}`;
  if (typeof navigator.share === 'function') {
    try {
      await navigator.share({ title, url });
      return 'shared';
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return 'cancelled';
    }
  }
  if (await copyText(url)) return 'copied';
  window.prompt(promptLabel, url);
  return 'prompted';
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // no clipboard API here (or no permission): the old way
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}
