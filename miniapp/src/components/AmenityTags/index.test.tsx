import { render, screen } from '@testing-library/react';
import { AMENITY_CODES } from '@union/shared';
import { describe, expect, it } from 'vitest';
import { AmenityTags } from '.';

/** Emoji (pictographs, and the presentation selector that turns ☂ into an emoji). */
const EMOJI = /[\p{Extended_Pictographic}\u{FE0F}]/u;

describe('AmenityTags', () => {
  it('draws every amenity with a shipped SVG icon and its label, and no emoji', () => {
    render(<AmenityTags amenities={AMENITY_CODES} testId="tags" />);
    const tags = screen.getByTestId('tags');

    expect(tags.textContent).not.toMatch(EMOJI);
    for (const code of AMENITY_CODES) {
      const tag = tags.querySelector(`[data-amenity="${code}"]`)!;
      const icons = tag.querySelectorAll('img');
      expect(icons).toHaveLength(1);
      const src = icons[0]!.getAttribute('src')!;
      expect(src).toMatch(/^data:image\/svg\+xml;base64,/);
      const svg = atob(src.split(',')[1]!);
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.+<\/svg>$/);
    }
    expect(tags.querySelector('[data-amenity="drinking_water"]')!.textContent).toBe('饮水');
  });

  it('gives each amenity a picture of its own', () => {
    render(<AmenityTags amenities={AMENITY_CODES} testId="tags" />);
    const sources = Array.from(screen.getByTestId('tags').querySelectorAll('img'), (img) => img.getAttribute('src'));
    expect(new Set(sources).size).toBe(AMENITY_CODES.length);
  });

  it('shows nothing for a station without amenities', () => {
    const { container } = render(<AmenityTags amenities={[]} />);
    expect(container.textContent).toBe('');
  });
});
