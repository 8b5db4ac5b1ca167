/**
 * Taro's H5 tab bar renders its items as <a href="javascript:;"> and navigates in their
 * click handlers. Our Content-Security-Policy forbids javascript: URLs, so every tap on a
 * tab also logged a CSP violation in the console, noise that hides real errors. Cancelling
 * the link's default action (the javascript: navigation) before it happens keeps the tab's
 * own handler and silences the violation; the policy stays as strict as it is.
 */
export function cancelScriptLinkNavigation(doc: Document): void {
  doc.addEventListener(
    'click',
    (event) => {
      const target = event.target as Element | null;
      if (target?.closest?.('a[href^="javascript:"]')) event.preventDefault();
    },
    true,
  );
}
