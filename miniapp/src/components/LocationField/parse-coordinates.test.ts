import { describe, expect, it } from 'vitest';
import { parsePastedCoordinates } from './parse-coordinates';

describe('a pasted coordinate pair', () => {
  it('is read from Tencent’s "lat,lng" and from Amap’s "lng,lat" alike', () => {
    expect(parsePastedCoordinates('30.274085,120.155070')).toEqual({ lat: '30.274085', lng: '120.155070' });
    expect(parsePastedCoordinates('120.155070,30.274085')).toEqual({ lat: '30.274085', lng: '120.155070' });
  });

  it('tolerates spaces and Chinese commas', () => {
    expect(parsePastedCoordinates(' 30.2741， 120.1551 ')).toEqual({ lat: '30.2741', lng: '120.1551' });
    expect(parsePastedCoordinates('30.2741 120.1551')).toEqual({ lat: '30.2741', lng: '120.1551' });
  });

  it('refuses anything that is not a point in China', () => {
    expect(parsePastedCoordinates('')).toBeNull();
    expect(parsePastedCoordinates('30.2741')).toBeNull();
    expect(parsePastedCoordinates('杭州市西湖区')).toBeNull();
    expect(parsePastedCoordinates('51.5072,-0.1276')).toBeNull();
    expect(parsePastedCoordinates('30.1,120.2,5')).toBeNull();
  });
});
