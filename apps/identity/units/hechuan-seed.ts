import type { OrgUnitView } from '@app/contracts';
import data from './hechuan-org-units.json' with { type: 'json' };

/** A unit as the seed knows it: everything but the active flag, which is the admins' to change. */
export type SeedUnit = Omit<OrgUnitView, 'active'>;

/** Village/community convenience centres counted by the seed article (the file's villageCount). */
export const HECHUAN_VILLAGE_COUNT = 391;

/**
 * How many communities and villages each town-level unit gets, keyed by town code. The real
 * figures are not in our data; these are illustrative: streets are urban (mostly communities),
 * towns are rural (one or two seat communities, the rest villages). Totals: 111 communities
 * (79 in streets, 32 in towns) and 280 villages (32 in streets, 248 in towns) = 391.
 */
const SPLIT: Readonly<Record<string, readonly [communities: number, villages: number]>> = {
  '500117001000': [20, 2], // 合阳城街道
  '500117002000': [14, 6], // 钓鱼城街道
  '500117003000': [16, 3], // 南津街街道
  '500117004000': [8, 5], // 盐井街道
  '500117005000': [7, 5], // 草街街道
  '500117006000': [8, 6], // 云门街道
  '500117007000': [6, 5], // 大石街道
  '500117100000': [2, 13], // 钱塘镇
  '500117101000': [1, 10], // 沙鱼镇
  '500117102000': [1, 11], // 官渡镇
  '500117103000': [2, 11], // 涞滩镇
  '500117104000': [2, 12], // 龙市镇
  '500117105000': [1, 10], // 肖家镇
  '500117106000': [2, 12], // 古楼镇
  '500117107000': [2, 11], // 三庙镇
  '500117108000': [1, 10], // 燕窝镇
  '500117109000': [1, 9], // 二郎镇
  '500117110000': [1, 11], // 龙凤镇
  '500117111000': [2, 12], // 太和镇
  '500117112000': [1, 11], // 隆兴镇
  '500117113000': [2, 11], // 铜溪镇
  '500117114000': [1, 11], // 渭沱镇
  '500117115000': [1, 10], // 双凤镇
  '500117116000': [1, 11], // 狮滩镇
  '500117117000': [1, 10], // 清平镇
  '500117118000': [1, 10], // 土场镇
  '500117119000': [2, 11], // 小沔镇
  '500117120000': [1, 11], // 三汇镇
  '500117121000': [1, 9], // 香龙镇
  '500117122000': [2, 11], // 双槐镇
};

// Name stems are (first, second) character pairs. Each list pair has coprime lengths, so taking
// first[k % a] + second[k % b] gives a distinct pair for every k < a*b (Chinese remainder theorem)
// and neighbouring names differ in both characters.
const VILLAGE_FIRST = [...'龙石双金白黄青红高长沙杨松柏桂天马凤鹤平五七新老上中花竹梨桃玉']; // 31
const VILLAGE_SECOND = [...'井河桥田湾坝坪岩林沟山塘堡垭溪岗庙门嘴坡滩寺院槽']; // 24
const COMMUNITY_FIRST = [...'新文滨南北东学锦和兴安福康明光富星翠嘉瑞顺丰德']; // 23
const COMMUNITY_SECOND = [...'华苑园城街湖坊岸府阳']; // 10

/** Deterministic stream of two-character stems, skipping any already taken district-wide. */
function stemSource(first: readonly string[], second: readonly string[], taken: Set<string>): () => string {
  let k = 0;
  return () => {
    for (; k < first.length * second.length; k++) {
      const stem = first[k % first.length]! + second[k % second.length]!;
      if (!taken.has(stem)) {
        taken.add(stem);
        k++;
        return stem;
      }
    }
    throw new Error('hechuan-seed: name stems exhausted');
  };
}

function townKind(kind: string, code: string): 'street' | 'town' {
  if (kind === 'street' || kind === 'town') return kind;
  throw new Error(`hechuan-seed: unit ${code} has unknown kind ${kind}`);
}

const pad3 = (n: number): string => String(n).padStart(3, '0');

/**
 * The 422 units of the Hechuan tree. Order: the district, then the 30 town-level units in file
 * order, then the 391 village-tier units grouped by town in file order (communities, then villages),
 * so a parent always precedes its children. Village-tier units are generated and marked demo.
 */
export function buildHechuanUnits(): SeedUnit[] {
  const d = data.district;
  const district: SeedUnit = { code: d.code, name: d.name, tier: 'district', kind: 'district', parentCode: null, path: d.code, demo: false };

  const towns: SeedUnit[] = data.townLevel.map((t) => ({
    code: t.code,
    name: t.name,
    tier: 'town',
    kind: townKind(t.kind, t.code),
    parentCode: district.code,
    path: `${district.path}.${t.code}`,
    demo: false,
  }));

  // Town-level stems (合阳城, 古楼, ...) are reserved: the town seat community takes its town's
  // stem, and no generated village should look like a different town.
  const townStem = (t: SeedUnit): string => t.name.replace(/(街道|镇)$/, '');
  const taken = new Set(towns.map(townStem));
  const nextVillageStem = stemSource(VILLAGE_FIRST, VILLAGE_SECOND, taken);
  const nextCommunityStem = stemSource(COMMUNITY_FIRST, COMMUNITY_SECOND, taken);

  const villages: SeedUnit[] = [];
  for (const town of towns) {
    const split = SPLIT[town.code];
    if (!split) throw new Error(`hechuan-seed: no village split for ${town.code}`);
    const [communities, rural] = split;
    const prefix = town.code.slice(0, 9);
    const add = (segment: number, name: string, kind: 'community' | 'village'): void => {
      const code = prefix + pad3(segment);
      villages.push({ code, name, tier: 'village', kind, parentCode: town.code, path: `${town.path}.${code}`, demo: true });
    };
    for (let i = 0; i < communities; i++) {
      const stem = town.kind === 'town' && i === 0 ? townStem(town) : nextCommunityStem();
      add(1 + i, `${stem}社区`, 'community');
    }
    for (let i = 0; i < rural; i++) add(200 + i, `${nextVillageStem()}村`, 'village');
  }

  if (villages.length !== HECHUAN_VILLAGE_COUNT || data.villageCount !== HECHUAN_VILLAGE_COUNT) {
    throw new Error(`hechuan-seed: generated ${villages.length} village-tier units, expected ${HECHUAN_VILLAGE_COUNT}`);
  }
  return [district, ...towns, ...villages];
}
