import type { ServiceItemInput } from '@app/contracts';
import { CSV_COLUMNS, parseCatalogueCsv, toCatalogueCsv } from './catalogue-csv.js';

/** 个体工商户设立登记: commas, quotes and line breaks in text and in JSON, a window, no fee basis. */
const LICENCE: ServiceItemInput = {
  code: 'SC-GT-001',
  name: '个体工商户设立登记',
  category: 'licensing',
  department: '区市场监督管理局',
  tier: 'town',
  legalBasis: '《促进个体工商户发展条例》第八条, 《市场主体登记管理条例》第三条',
  legalDays: 15,
  promisedDays: 3,
  proxyEligible: true,
  materials: [
    { code: 'ID-CARD', name: '经营者身份证', required: true, deferrable: false, form: 'original', copies: 1 },
    { code: 'LEASE', name: '经营场所使用证明', required: true, deferrable: true, form: 'copy', copies: 2, notes: '租赁合同, 或 "房屋产权证明"\n复印件需签字' },
  ],
  fees: { free: true },
  steps: [
    { code: 'ACCEPT', name: '受理', role: 'clerk', limitDays: 1 },
    { code: 'APPROVE', name: '审核, 发照', role: 'approver', limitDays: 2 },
  ],
  specialProcedures: [],
  guide: '第一步：网上申报或到窗口提交材料；\n第二步：领取"营业执照"。\n注意：名称中不得含有"中国"字样, 否则不予登记。',
  location: '合川区政务服务中心一楼 A 区',
  window: '3号窗口',
  complaintChannel: '12345, 或 023-42828000',
};

/** 建设工程规划许可: parallel approval, charged (basis and standard), special procedures, no window, CRLF in a text. */
const PLANNING: ServiceItemInput = {
  code: 'GH-JS-002',
  name: '建设工程规划许可证核发',
  category: 'licensing',
  department: '区规划和自然资源局',
  tier: 'district',
  legalBasis: '《中华人民共和国城乡规划法》第四十条',
  legalDays: 20,
  promisedDays: 10,
  proxyEligible: false,
  materials: [{ code: 'PLAN', name: '建设工程设计方案总平面图', required: true, deferrable: false, form: 'either', copies: 3, notes: '比例 1:500, 加盖"公章"' }],
  fees: { free: false, basis: '渝价〔2019〕12号, 第三条', standard: '每平方米 0.5 元, "最低" 100 元' },
  steps: [
    { code: 'ACCEPT', name: '受理', role: 'clerk', limitDays: 1 },
    { code: 'REVIEW', name: '审查', role: 'approver', limitDays: 9 },
  ],
  specialProcedures: [{ code: 'EXPERT', name: '专家评审', maxDays: 15 }],
  parallel: { leadDepartment: '区规划和自然资源局', coDepartments: ['区住房城乡建委', '区生态环境局'], capDays: 30 },
  guide: '"多审合一"：\r\n一次提交，并联审批。',
  location: '区政务服务中心二楼',
  complaintChannel: '12345',
};

/** 独生子女证明: instant, nothing to quote, no nested content, a quote at the start of a text. */
const INSTANT: ServiceItemInput = {
  code: 'WJ-01',
  name: '独生子女父母光荣证补办',
  category: 'public-service',
  department: '镇卫生健康办',
  tier: 'village',
  legalBasis: '',
  legalDays: 0,
  promisedDays: 0,
  proxyEligible: true,
  materials: [],
  fees: { free: true, standard: '免费' },
  steps: [],
  specialProcedures: [],
  guide: '"即来即办"',
  location: '  村便民服务站  ',
  complaintChannel: '镇政府 42001234',
};

const ITEMS = [LICENCE, PLANNING, INSTANT];
const HEADER = CSV_COLUMNS.join(',');

/** A record that converts, with `over` cells written as given (already quoted if need be). */
const GOOD: Record<string, string> = {
  code: 'A-1',
  name: '测试事项',
  category: 'convenience',
  department: '镇民政办',
  tier: 'town',
  legalBasis: '条例',
  legalDays: '5',
  promisedDays: '1',
  proxyEligible: 'false',
  feesFree: 'true',
  feesBasis: '',
  feesStandard: '',
  materials: '[]',
  steps: '[]',
  specialProcedures: '[]',
  parallel: '',
  guide: '指南',
  location: '大厅',
  window: '',
  complaintChannel: '12345',
};
const record = (over: Record<string, string> = {}, columns: readonly string[] = CSV_COLUMNS) => columns.map((c) => over[c] ?? GOOD[c]).join(',');
const file = (lines: string[], eol = '\n') => lines.join(eol) + eol;
const lines = (rows: { line: number }[]) => rows.map((r) => r.line);

describe('catalogue CSV', () => {
  describe('round trip', () => {
    it('reads back what it writes: Chinese, commas, quotes, line breaks, nested JSON, absent optional fields', () => {
      const parsed = parseCatalogueCsv(toCatalogueCsv(ITEMS));
      expect(parsed.problems).toEqual([]);
      expect(parsed.rows.map((r) => r.item)).toStrictEqual(ITEMS);
      // LICENCE starts on line 2 and its guide takes 2 more lines (the line break in its notes is
      // \n inside JSON, not a real one); PLANNING's guide has one CRLF inside.
      expect(lines(parsed.rows)).toEqual([2, 5, 7]);
    });

    it.each([
      ['one item at a time', ITEMS.map((item) => [item])],
      ['no items', [[]]],
    ])('round trips %s', (_label, batches) => {
      for (const batch of batches) expect(parseCatalogueCsv(toCatalogueCsv(batch)).rows.map((r) => r.item)).toStrictEqual(batch);
    });

    it('keeps optional fields absent (no undefined keys)', () => {
      const [row] = parseCatalogueCsv(toCatalogueCsv([INSTANT])).rows;
      expect('window' in row.item).toBe(false);
      expect('parallel' in row.item).toBe(false);
      expect(row.item.fees).toStrictEqual({ free: true, standard: '免费' });
    });

    it('writes the header, CRLF line ends, and quotes only where needed', () => {
      const text = toCatalogueCsv([INSTANT]);
      expect(text).toBe(
        `${HEADER}\r\n` +
          'WJ-01,独生子女父母光荣证补办,public-service,镇卫生健康办,village,,0,0,true,true,,免费,[],[],[],,"""即来即办""",  村便民服务站  ,,镇政府 42001234\r\n',
      );
      expect(toCatalogueCsv([])).toBe(`${HEADER}\r\n`);
    });

    it('quotes JSON cells (they have quotes) and fields with commas or line breaks', () => {
      const [, first] = toCatalogueCsv([LICENCE]).split('\r\n');
      expect(first.startsWith('SC-GT-001,个体工商户设立登记,licensing,区市场监督管理局,town,"《促进个体工商户发展条例》第八条, 《市场主体登记管理条例》第三条",15,3,true,true,,,"[{""code"":""ID-CARD""')).toBe(true);
      expect(first.endsWith(',合川区政务服务中心一楼 A 区,3号窗口,"12345, 或 023-42828000"')).toBe(true);
    });

    it('can start with a byte order mark for Excel, and still reads back', () => {
      const text = toCatalogueCsv(ITEMS, { bom: true });
      expect(text.charCodeAt(0)).toBe(0xfeff);
      expect(parseCatalogueCsv(text).rows.map((r) => r.item)).toStrictEqual(ITEMS);
      expect(toCatalogueCsv(ITEMS).charCodeAt(0)).not.toBe(0xfeff);
    });
  });

  describe('reading the file', () => {
    it('strips a byte order mark', () => {
      const parsed = parseCatalogueCsv('\uFEFF' + file([HEADER, record()]));
      expect(parsed.problems).toEqual([]);
      expect(parsed.rows).toEqual([{ line: 2, item: expect.objectContaining({ code: 'A-1' }) }]);
    });

    it.each([
      ['LF', '\n'],
      ['CRLF', '\r\n'],
      ['CR', '\r'],
    ])('reads %s line ends, with or without a trailing one', (_label, eol) => {
      const body = [HEADER, record({ code: 'A-1' }), '', record({ code: 'A-2', guide: '"两行\n指南"' }), record({ code: 'A-3' })];
      const expected = [
        { line: 2, code: 'A-1' },
        { line: 4, code: 'A-2' },
        { line: 6, code: 'A-3' },
      ];
      for (const text of [file(body, eol), body.join(eol)]) {
        const parsed = parseCatalogueCsv(text);
        expect(parsed.problems).toEqual([]);
        expect(parsed.rows.map((r) => ({ line: r.line, code: r.item.code }))).toEqual(expected);
      }
    });

    it('numbers records by the line they start on when quoted fields span lines', () => {
      const text = file([
        HEADER, // 1
        record({ code: 'A-1', guide: '"第一行\n第二行\r\n第三行"' }), // 2-4
        record({ code: 'A-2' }), // 5
        record({ code: 'A-3', legalBasis: '"跨\n行"', legalDays: 'x' }), // 6-7
        record({ code: 'A-4', window: '"1号\n\n窗口"' }), // 8-10
        record({ code: 'A-5', promisedDays: '1.5' }), // 11
      ]);
      const parsed = parseCatalogueCsv(text);
      expect(lines(parsed.rows)).toEqual([2, 5, 8]);
      expect(parsed.rows[0].item.guide).toBe('第一行\n第二行\r\n第三行');
      expect(parsed.rows[2].item.window).toBe('1号\n\n窗口');
      expect(parsed.problems).toEqual([
        { line: 6, field: 'legalDays', message: 'legalDays must be a whole number' },
        { line: 11, field: 'promisedDays', message: 'promisedDays must be a whole number' },
      ]);
    });

    it('skips blank lines (and lines of nothing but commas) but counts them', () => {
      const text = file([HEADER, '', record({ code: 'A-1' }), '', '', ',,,,', record({ code: 'A-2', promisedDays: 'soon' }), record({ code: 'A-3' }), '', '']);
      const parsed = parseCatalogueCsv(text);
      expect(lines(parsed.rows)).toEqual([3, 8]);
      expect(parsed.problems).toEqual([{ line: 7, field: 'promisedDays', message: 'promisedDays must be a whole number' }]);
    });

    it('reports the example of the format: a bad promisedDays on line 7', () => {
      const text = file([HEADER, record({ code: 'A-1' }), record({ code: 'A-2' }), '', record({ code: 'A-3' }), record({ code: 'A-4' }), record({ code: 'A-5', promisedDays: '三' })]);
      expect(parseCatalogueCsv(text)).toEqual({
        rows: [2, 3, 5, 6].map((line) => ({ line, item: expect.any(Object) })),
        problems: [{ line: 7, field: 'promisedDays', message: 'promisedDays must be a whole number' }],
      });
    });

    it('keeps text as is: not trimmed, quotes inside unquoted fields kept', () => {
      const [row] = parseCatalogueCsv(file([HEADER, record({ name: ' 显示器 27" ', location: '"a,b"' })])).rows;
      expect(row.item.name).toBe(' 显示器 27" ');
      expect(row.item.location).toBe('a,b');
    });

    it('converts numbers, yes/no, fees and JSON cells', () => {
      const [row] = parseCatalogueCsv(
        file([
          HEADER,
          record({
            legalDays: ' 20 ',
            promisedDays: '0',
            proxyEligible: '是',
            feesFree: 'NO',
            feesBasis: '"依据, 第1条"',
            materials: '"[{""code"":""ID"",""name"":""身份证""}]"',
            steps: '',
            specialProcedures: ' ',
            parallel: '"{""leadDepartment"":""甲"",""coDepartments"":[""乙""]}"',
            window: '5',
          }),
        ]),
      ).rows;
      expect(row.item).toStrictEqual({
        code: 'A-1',
        name: '测试事项',
        category: 'convenience',
        department: '镇民政办',
        tier: 'town',
        legalBasis: '条例',
        legalDays: 20,
        promisedDays: 0,
        proxyEligible: true,
        materials: [{ code: 'ID', name: '身份证' }],
        fees: { free: false, basis: '依据, 第1条' },
        steps: [],
        specialProcedures: [],
        parallel: { leadDepartment: '甲', coDepartments: ['乙'] },
        guide: '指南',
        location: '大厅',
        window: '5',
        complaintChannel: '12345',
      });
    });

    it.each([
      ['true', true],
      ['TRUE', true],
      ['1', true],
      ['Yes', true],
      ['是', true],
      [' false ', false],
      ['0', false],
      ['no', false],
      ['否', false],
    ])('reads %j as %s', (cell, value) => {
      const [row] = parseCatalogueCsv(file([HEADER, record({ proxyEligible: cell, feesFree: cell })])).rows;
      expect(row.item.proxyEligible).toBe(value);
      expect(row.item.fees).toEqual({ free: value });
    });

    it('does not check business rules or constraints (the service does)', () => {
      const parsed = parseCatalogueCsv(file([HEADER, record({ code: 'lower case', tier: 'province', legalDays: '-3', promisedDays: '900', materials: '"[1,2]"' })]));
      expect(parsed.problems).toEqual([]);
      expect(parsed.rows[0].item).toEqual(expect.objectContaining({ code: 'lower case', tier: 'province', legalDays: -3, promisedDays: 900, materials: [1, 2] }));
    });
  });

  describe('problems of records', () => {
    // Line 2 is good, line 3 blank, line 4 the bad record, line 5 good.
    const withBadLine4 = (over: Record<string, string>) => file([HEADER, record({ code: 'A-1' }), '', record({ code: 'A-2', ...over }), record({ code: 'A-3' })]);

    it.each([
      ['legalDays', '2.5', 'legalDays must be a whole number'],
      ['legalDays', '1e3', 'legalDays must be a whole number'],
      ['legalDays', '', 'legalDays must be a whole number'],
      ['promisedDays', 'abc', 'promisedDays must be a whole number'],
      ['promisedDays', '99999999999999999999', 'promisedDays must be a whole number'],
      ['proxyEligible', 'maybe', 'proxyEligible must be true, false, 1, 0, yes, no, 是 or 否'],
      ['proxyEligible', '', 'proxyEligible must be true, false, 1, 0, yes, no, 是 or 否'],
      ['feesFree', '2', 'feesFree must be true, false, 1, 0, yes, no, 是 or 否'],
      ['feesFree', '对', 'feesFree must be true, false, 1, 0, yes, no, 是 or 否'],
      ['materials', '"[{""code"":"', expect.stringMatching(/^materials is not valid JSON: /)],
      ['materials', 'null', 'materials must be a JSON array (or an empty cell)'],
      ['steps', '{}', 'steps must be a JSON array (or an empty cell)'],
      ['specialProcedures', '"""EXPERT"""', 'specialProcedures must be a JSON array (or an empty cell)'],
      ['parallel', '[]', 'parallel must be a JSON object (or an empty cell)'],
      ['parallel', 'null', 'parallel must be a JSON object (or an empty cell)'],
      ['parallel', '"{leadDepartment: 甲}"', expect.stringMatching(/^parallel is not valid JSON: /)],
    ])('%s = %j is reported with its line and field, and the record left out', (field, cell, message) => {
      const parsed = parseCatalogueCsv(withBadLine4({ [field]: cell }));
      expect(parsed.problems).toEqual([{ line: 4, field, message }]);
      expect(lines(parsed.rows)).toEqual([2, 5]);
      expect(parsed.rows.map((r) => r.item.code)).toEqual(['A-1', 'A-3']);
    });

    it('reports every bad cell of a record', () => {
      const parsed = parseCatalogueCsv(withBadLine4({ legalDays: 'x', feesFree: 'x', steps: 'x' }));
      expect(parsed.problems.map((p) => [p.line, p.field])).toEqual([
        [4, 'legalDays'],
        [4, 'feesFree'],
        [4, 'steps'],
      ]);
      expect(lines(parsed.rows)).toEqual([2, 5]);
    });

    it.each([
      ['too many', `${record({ code: 'A-2' })},extra`, 'the record has 21 fields, the header has 20'],
      ['too few', record({ code: 'A-2' }).replace(/,12345$/, ''), 'the record has 19 fields, the header has 20'],
      ['only one', '孤零零的一格', 'the record has 1 field, the header has 20'],
    ])('reports a record with %s field(s) as a whole (field *)', (_label, bad, message) => {
      const parsed = parseCatalogueCsv(file([HEADER, record({ code: 'A-1', guide: '"两\n行"' }), bad, record({ code: 'A-3' })]));
      expect(parsed.problems).toEqual([{ line: 4, field: '*', message }]);
      expect(lines(parsed.rows)).toEqual([2, 5]);
    });

    it('reports text after a closing quote, and goes on with the next record', () => {
      const parsed = parseCatalogueCsv(file([HEADER, record({ code: 'A-1' }), record({ code: 'A-2', name: '"名称"后缀' }), record({ code: 'A-3' })]));
      expect(parsed.problems).toEqual([{ line: 3, field: '*', message: expect.stringContaining('after a closing quote') }]);
      expect(lines(parsed.rows)).toEqual([2, 4]);
    });

    it('reports a quote left open (it takes in the rest of the file) at the line it opens', () => {
      const parsed = parseCatalogueCsv(file([HEADER, record({ code: 'A-1' }), '', record({ code: 'A-2', guide: '"没有结束' }), record({ code: 'A-3' })]));
      expect(parsed.problems).toEqual([{ line: 4, field: '*', message: expect.stringContaining('not closed') }]);
      expect(lines(parsed.rows)).toEqual([2]);
    });
  });

  describe('the header', () => {
    it('matches columns by name, in any order', () => {
      const reversed = [...CSV_COLUMNS].reverse();
      const over = { code: 'B-1', legalDays: '7', feesStandard: '"每件 10 元, 工本费"', window: '2号' };
      const inOrder = parseCatalogueCsv(file([HEADER, record(over)]));
      const inReverse = parseCatalogueCsv(file([reversed.join(','), record(over, reversed)]));
      expect(inReverse.problems).toEqual([]);
      expect(inReverse.rows).toStrictEqual(inOrder.rows);
      expect(inReverse.rows[0].item).toEqual(expect.objectContaining({ code: 'B-1', legalDays: 7, fees: { free: true, standard: '每件 10 元, 工本费' }, window: '2号' }));
    });

    it('reads a shuffled header with real items', () => {
      const order = ['complaintChannel', 'materials', 'code', 'feesFree', 'window', 'name', 'parallel', 'legalDays', 'guide', 'tier', 'steps', 'feesStandard', 'category', 'promisedDays', 'location', 'proxyEligible', 'department', 'specialProcedures', 'legalBasis', 'feesBasis'];
      expect([...order].sort()).toEqual([...CSV_COLUMNS].sort());
      // Re-write each item's cells in the shuffled order, taking them from a single-item export.
      const cellsOf = (item: ServiceItemInput) => splitSimple(toCatalogueCsv([item]).slice(HEADER.length + 2, -2));
      const shuffled = [order.join(','), ...ITEMS.map((item) => order.map((c) => cellsOf(item)[CSV_COLUMNS.indexOf(c)]).join(','))].join('\r\n');
      const parsed = parseCatalogueCsv(shuffled);
      expect(parsed.problems).toEqual([]);
      expect(parsed.rows.map((r) => r.item)).toStrictEqual(ITEMS);
      expect(lines(parsed.rows)).toEqual([2, 5, 7]);
    });

    it('trims column names and ignores their case', () => {
      const header = CSV_COLUMNS.map((c, i) => (i % 2 ? ` ${c.toUpperCase()} ` : c)).join(',');
      const parsed = parseCatalogueCsv(file([header, record()]));
      expect(parsed.problems).toEqual([]);
      expect(parsed.rows[0].item).toEqual(expect.objectContaining({ code: 'A-1', legalDays: 5 }));
    });

    it('reports unknown columns on line 1, by name, and reads no record', () => {
      const parsed = parseCatalogueCsv(file([`${HEADER},备注,phone`, `${record()},x,y`]));
      expect(parsed).toEqual({
        rows: [],
        problems: [
          { line: 1, field: '备注', message: expect.stringContaining('unknown column 备注') },
          { line: 1, field: 'phone', message: expect.stringContaining('unknown column phone') },
        ],
      });
    });

    it('reports a column without a name and a repeated column', () => {
      const parsed = parseCatalogueCsv(file([`${HEADER},,code`, `${record()},,A-1`]));
      expect(parsed.rows).toEqual([]);
      expect(parsed.problems).toEqual([
        { line: 1, field: '', message: 'column 21 has no name' },
        { line: 1, field: 'code', message: 'column code appears more than once' },
      ]);
    });

    it('reports each missing required column on line 1', () => {
      const columns = CSV_COLUMNS.filter((c) => c !== 'tier' && c !== 'steps');
      const parsed = parseCatalogueCsv(file([columns.join(','), record({}, columns)]));
      expect(parsed).toEqual({
        rows: [],
        problems: [
          { line: 1, field: 'tier', message: 'the required column tier is missing' },
          { line: 1, field: 'steps', message: 'the required column steps is missing' },
        ],
      });
    });

    it('lets the optional columns (feesBasis, feesStandard, parallel, window) be left out', () => {
      const columns = CSV_COLUMNS.filter((c) => !['feesBasis', 'feesStandard', 'parallel', 'window'].includes(c));
      const parsed = parseCatalogueCsv(file([columns.join(','), record({}, columns)]));
      expect(parsed.problems).toEqual([]);
      expect(parsed.rows[0].item.fees).toStrictEqual({ free: true });
      expect('parallel' in parsed.rows[0].item).toBe(false);
      expect('window' in parsed.rows[0].item).toBe(false);
    });

    it.each([
      ['an empty file', ''],
      ['only a byte order mark', '\uFEFF'],
      ['a blank first line', file(['', HEADER, record()])],
    ])('reports %s on line 1', (_label, text) => {
      expect(parseCatalogueCsv(text)).toEqual({ rows: [], problems: [{ line: 1, field: '*', message: expect.stringContaining('the first line must be the header') }] });
    });

    it('accepts a header with no records', () => {
      expect(parseCatalogueCsv(HEADER)).toEqual({ rows: [], problems: [] });
      expect(parseCatalogueCsv(`${HEADER}\r\n\r\n`)).toEqual({ rows: [], problems: [] });
    });
  });
});

/** Splits one record's text into its raw (still quoted) cells; for the test's reordering only. */
function splitSimple(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}
