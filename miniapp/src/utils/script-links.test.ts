import { describe, expect, it } from 'vitest';
import { cancelScriptLinkNavigation } from './script-links';

describe('cancelScriptLinkNavigation', () => {
  it("cancels a javascript: link's navigation but still runs its click handler", () => {
    cancelScriptLinkNavigation(document);
    document.body.innerHTML = '<a href="javascript:;"><span>首页</span></a><a href="#/pages/mine/index">我的</a>';
    const [tab, link] = Array.from(document.querySelectorAll('a'));
    let tapped = 0;
    tab!.addEventListener('click', () => tapped++);

    const onTab = new MouseEvent('click', { bubbles: true, cancelable: true });
    tab!.querySelector('span')!.dispatchEvent(onTab);
    expect(onTab.defaultPrevented).toBe(true);
    expect(tapped).toBe(1);

    const onLink = new MouseEvent('click', { bubbles: true, cancelable: true });
    link!.dispatchEvent(onLink);
    expect(onLink.defaultPrevented).toBe(false);
  });
});
