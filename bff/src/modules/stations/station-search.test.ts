import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { createLogger } from '../../logger';
import { generateCityCentres } from './generated-stations';
import { nearbyStations } from './search.service';
import { startStationSearch } from './station-search';

describe('the benchmark switches of the station search', () => {
  it('are refused in production', () => {
    const production = { NODE_ENV: 'production', MONGODB_URI: 'mongodb://db/union' };
    expect(() => loadConfig({ ...production, STATION_BENCH_DATASET: '200000' })).toThrow(
      /STATION_BENCH_DATASET: 生产环境不能使用基准测试的生成数据/,
    );
    expect(() => loadConfig({ ...production, STATION_SEARCH: 'bruteforce' })).toThrow(
      /STATION_SEARCH: 生产环境必须使用空间索引查找驿站/,
    );
    expect(() => loadConfig(production)).not.toThrow(/STATION_BENCH_DATASET|STATION_SEARCH/);
  });

  it('serve a generated dataset without a database, and the scan answers like the index', async () => {
    const logger = createLogger('silent');
    const biggestCity = generateCityCentres()[0]!;
    const query = { lat: biggestCity.lat, lng: biggestCity.lng, radius: 5000, limit: 50, openNow: false };
    const now = new Date();
    const answers = [];
    for (const strategy of ['index', 'bruteforce']) {
      const search = await startStationSearch(
        loadConfig({ STATION_BENCH_DATASET: '20000', STATION_SEARCH: strategy }),
        logger,
      );
      expect(search.index.size).toBe(20_000);
      answers.push([
        nearbyStations({ ...query, amenities: [], order: 'distance' }, now).parse() as { items: unknown[] },
        nearbyStations({ ...query, amenities: [], order: 'openFirst' }, now).parse() as { items: unknown[] },
      ]);
      await search.stop();
    }
    expect(answers[0]![0]!.items).toHaveLength(50);
    expect(answers[0]![1]!.items).toHaveLength(50);
    expect(answers[1]).toEqual(answers[0]);
  });
});
