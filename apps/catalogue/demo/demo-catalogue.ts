import type { ServiceItemInput } from '@app/contracts';

/** The article's figure: 481 items in the district's catalogue. */
export const DEMO_ITEM_COUNT = 481;

type Category = ServiceItemInput['category'];
type Tier = ServiceItemInput['tier'];
type Material = ServiceItemInput['materials'][number];
type Step = ServiceItemInput['steps'][number];
type Special = ServiceItemInput['specialProcedures'][number];
type Parallel = NonNullable<ServiceItemInput['parallel']>;
/** [legalDays, promisedDays] of the principal matter, in working days. */
type Days = readonly [number, number];
/** Applicant documents every item of a kind asks for, before the family's own. */
type Kind = 'person' | 'household' | 'firm' | 'project' | 'none';

/** One entry of a family whose time limits differ from the family's. */
interface Entry {
  name: string;
  days?: Days;
}

/** A sub-matter (子项) of a base matter, e.g. 食品经营许可证（变更）; days override the sub rule. */
interface SubEntry {
  sub: string;
  days: Days;
}

/**
 * A matter type as implementation lists write it: a base name split into sub-matters (subs), or
 * a list of related names, sharing department, category, basis and materials.
 */
interface Family {
  dept: string;
  cat: Category;
  days: Days;
  basis: string;
  base?: string;
  subs?: Array<string | SubEntry>;
  names?: Array<string | Entry>;
  kind?: Kind;
  /** Family documents: `name`, `name|form|copies`, `?name` when optional. */
  mats?: string[];
  /** The family's last own document may be supplied later (容缺受理). */
  defer?: boolean;
  special?: Special[];
  parallel?: Parallel;
  proxy?: boolean;
  /** Has an approval flow chart; default: approvals yes, services (咨询, 代缴, 代办 relays) no. */
  flow?: boolean;
  fee?: { basis: string; standard: string };
  location?: string;
  window?: string;
  /** A third guide sentence specific to the family. */
  tip?: string;
}

/** How a sub-matter differs from the principal matter (新办): share of the promise, documents kept. */
interface SubRule {
  ratio: number;
  keepFamily: boolean;
  keepSpecial: boolean;
  extra?: string;
}

const SUB_RULES: Array<[RegExp, SubRule]> = [
  [/变更/, { ratio: 0.6, keepFamily: false, keepSpecial: false, extra: '变更事项相关证明材料' }],
  [/注销|终止|歇业/, { ratio: 0, keepFamily: false, keepSpecial: false, extra: '原证照或注销事由证明|original|1' }],
  [/补证|补办|补领|补发|补照|遗失/, { ratio: 0, keepFamily: false, keepSpecial: false, extra: '遗失声明' }],
  [/换领|换发/, { ratio: 0, keepFamily: false, keepSpecial: false, extra: '原证件|original|1' }],
  [/延续|延期|换证|校验|再注册|重新注册|年检|增项|重新核定/, { ratio: 0.8, keepFamily: true, keepSpecial: false, extra: '原许可证件' }],
  [/迁移|转移|转入|转出/, { ratio: 0.5, keepFamily: true, keepSpecial: false }],
];
const PRINCIPAL: SubRule = { ratio: 1, keepFamily: true, keepSpecial: true };

// Special procedures (特殊环节) of the article: expert review, hearing, site survey, testing.
const SITE = (maxDays: number): Special => ({ code: 'SITE', name: '现场勘验', maxDays });
const EXPERT = (maxDays: number, name = '专家评审'): Special => ({ code: 'EXPERT', name, maxDays });
const HEARING: Special = { code: 'HEARING', name: '听证', maxDays: 20 };
const TEST = (maxDays: number, name = '检验检测'): Special => ({ code: 'TEST', name, maxDays });
const PUBLICITY = (maxDays: number): Special => ({ code: 'PUBLICITY', name: '公示', maxDays });
const SURVEY = (maxDays: number): Special => ({ code: 'SURVEY', name: '入户调查', maxDays });

const LICENSING_LAW = '《中华人民共和国行政许可法》';
const REALTY_FEE = {
  basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）',
  standard: '住宅类每件80元，非住宅类每件550元',
};

/** District departments: the hall, floor and window of each in 合川区行政服务中心. */
const HALL: Record<string, { floor: string; label: string; window: string }> = {
  区市场监管局: { floor: '一楼', label: '市场监管', window: 'A01' },
  区税务局: { floor: '一楼', label: '税务', window: 'A08' },
  区公安分局: { floor: '一楼', label: '公安', window: 'A15' },
  区商务委: { floor: '一楼', label: '商务', window: 'A20' },
  区人力社保局: { floor: '二楼', label: '人力社保', window: 'B01' },
  区医保局: { floor: '二楼', label: '医疗保障', window: 'B06' },
  区民政局: { floor: '二楼', label: '民政', window: 'B10' },
  区残联: { floor: '二楼', label: '残联', window: 'B13' },
  区退役军人事务局: { floor: '二楼', label: '退役军人服务', window: 'B15' },
  区卫生健康委: { floor: '二楼', label: '卫生健康', window: 'B18' },
  区住房公积金管理分中心: { floor: '二楼', label: '住房公积金', window: 'B21' },
  区司法局: { floor: '二楼', label: '公共法律服务', window: 'B23' },
  区教委: { floor: '二楼', label: '教育', window: 'B24' },
  区档案馆: { floor: '二楼', label: '档案查询', window: 'B26' },
  区住房城乡建设委: { floor: '三楼', label: '住房城乡建设', window: 'C01' },
  区规划自然资源局: { floor: '三楼', label: '规划自然资源', window: 'C05' },
  区生态环境局: { floor: '三楼', label: '生态环境', window: 'C09' },
  区城市管理局: { floor: '三楼', label: '城市管理', window: 'C11' },
  区交通局: { floor: '三楼', label: '交通运输', window: 'C14' },
  区农业农村委: { floor: '三楼', label: '农业农村', window: 'C17' },
  区水利局: { floor: '三楼', label: '水利', window: 'C20' },
  区林业局: { floor: '三楼', label: '林业', window: 'C22' },
  区文化旅游委: { floor: '三楼', label: '文化旅游', window: 'C24' },
  区应急管理局: { floor: '三楼', label: '应急管理', window: 'C26' },
  区气象局: { floor: '三楼', label: '气象', window: 'C28' },
  区消防救援支队: { floor: '三楼', label: '消防', window: 'C29' },
};

const TOWN_CENTER = '镇街公共服务中心';
const VILLAGE_CENTER = '村(社区)便民服务中心';

const DISTRICT: Family[] = [
  // ── 区市场监管局 ──
  {
    dept: '区市场监管局', cat: 'licensing', days: [3, 1], kind: 'none', base: '企业设立登记',
    subs: ['有限责任公司', '股份有限公司', '合伙企业', '个人独资企业', '分支机构'],
    mats: ['登记申请书', '公司章程（合伙协议）', '投资人主体资格证明', '法定代表人（负责人）任职文件', '住所（经营场所）使用证明'], defer: true,
    basis: '《中华人民共和国公司法》《中华人民共和国市场主体登记管理条例》',
  },
  {
    dept: '区市场监管局', cat: 'licensing', days: [3, 1], kind: 'firm', base: '企业变更登记',
    subs: ['名称', '住所', '法定代表人'], mats: ['变更决议或决定'],
    basis: '《中华人民共和国公司法》《中华人民共和国市场主体登记管理条例》',
  },
  {
    dept: '区市场监管局', cat: 'licensing', days: [3, 1], kind: 'firm', base: '企业注销登记',
    subs: ['简易注销', '普通注销'], mats: ['注销登记申请书', '清算报告或全体投资人承诺书'],
    basis: '《中华人民共和国公司法》《中华人民共和国市场主体登记管理条例》',
  },
  {
    dept: '区市场监管局', cat: 'other-power', days: [3, 0], kind: 'firm', base: '企业备案',
    subs: ['董事监事经理'], mats: ['备案申请书'],
    basis: '《中华人民共和国市场主体登记管理条例》《中华人民共和国市场主体登记管理条例实施细则》',
  },
  {
    dept: '区市场监管局', cat: 'licensing', days: [3, 1], kind: 'none', base: '农民专业合作社登记',
    subs: ['设立', '变更', '注销'], mats: ['登记申请书', '合作社章程', '成员名册及出资清单', '住所使用证明'],
    basis: '《中华人民共和国农民专业合作社法》《中华人民共和国市场主体登记管理条例》', proxy: true,
  },
  {
    dept: '区市场监管局', cat: 'licensing', days: [10, 7], kind: 'firm', base: '食品经营许可证',
    subs: ['新办', '变更', '延续', '注销'],
    mats: ['食品经营许可申请书', '食品安全管理人员及制度文本', '经营场所和设备布局、操作流程文件'], defer: true, special: [SITE(10)],
    basis: `${LICENSING_LAW}《中华人民共和国食品安全法》《食品经营许可和备案管理办法》`,
  },
  {
    dept: '区市场监管局', cat: 'licensing', days: [20, 12], kind: 'firm', base: '食品生产许可证',
    subs: ['新办', '变更', '延续', '注销'],
    mats: ['食品生产许可申请书', '生产设备设施清单', '食品安全管理制度', '工艺流程图|original|1'], defer: true, special: [SITE(10), TEST(20)],
    basis: `${LICENSING_LAW}《中华人民共和国食品安全法》《食品生产许可管理办法》`,
  },
  {
    dept: '区市场监管局', cat: 'licensing', days: [20, 12], kind: 'firm', base: '药品经营许可证（零售）',
    subs: ['核发', '变更', '换证', '注销'],
    mats: ['药品经营许可申请表', '执业药师资格证书及注册证', '经营场所和仓库平面布置图', '质量管理文件目录'], defer: true, special: [SITE(10)],
    basis: `${LICENSING_LAW}《中华人民共和国药品管理法》《药品经营和使用质量监督管理办法》`,
  },
  {
    dept: '区市场监管局', cat: 'licensing', days: [20, 12], kind: 'firm', base: '第三类医疗器械经营许可证',
    subs: ['核发', '变更', '延续', '注销'],
    mats: ['医疗器械经营许可申请表', '质量负责人身份和学历证明', '经营场所和库房地理位置图及平面图', '经营质量管理制度目录'], special: [SITE(10)],
    basis: `${LICENSING_LAW}《医疗器械监督管理条例》《医疗器械经营监督管理办法》`,
  },
  {
    dept: '区市场监管局', cat: 'other-power', days: [5, 0], kind: 'firm', base: '第二类医疗器械经营备案',
    subs: ['备案'], mats: ['第二类医疗器械经营备案表', '经营场所和库房地址证明'],
    basis: '《医疗器械监督管理条例》《医疗器械经营监督管理办法》',
  },
  {
    dept: '区市场监管局', cat: 'licensing', days: [15, 10], kind: 'firm', base: '特种设备使用登记',
    subs: ['新办', '变更', '注销'], mats: ['特种设备使用登记表', '产品合格证', '监督检验证明', '安全管理人员资格证书'], defer: true,
    basis: `${LICENSING_LAW}《中华人民共和国特种设备安全法》《特种设备使用管理规则》`,
  },
  {
    dept: '区市场监管局', cat: 'other-power', days: [5, 0], kind: 'firm', base: '仅销售预包装食品备案',
    subs: ['备案', '注销'], mats: ['仅销售预包装食品备案信息采集表'],
    basis: '《中华人民共和国食品安全法》《食品经营许可和备案管理办法》',
  },
  // ── 区税务局 ──
  {
    dept: '区税务局', cat: 'confirmation', days: [5, 0], kind: 'firm', names: ['增值税一般纳税人登记'], mats: ['增值税一般纳税人登记表'],
    basis: '《中华人民共和国增值税暂行条例》《增值税一般纳税人登记管理办法》',
  },
  {
    dept: '区税务局', cat: 'licensing', days: [20, 12], kind: 'firm', base: '增值税专用发票最高开票限额审批',
    subs: [{ sub: '十万元及以下', days: [20, 0] }, { sub: '百万元', days: [20, 8] }, '千万元及以上'],
    mats: ['税务行政许可申请表', '增值税专用发票最高开票限额申请单'], special: [SITE(5)],
    basis: `${LICENSING_LAW}《中华人民共和国税收征收管理法》《国务院对确需保留的行政审批项目设定行政许可的决定》`,
  },
  {
    dept: '区税务局', cat: 'other-power', days: [5, 0], kind: 'firm', base: '发票领用', subs: ['首次申领'],
    mats: ['纳税人领用发票票种核定表'], basis: '《中华人民共和国税收征收管理法》《中华人民共和国发票管理办法》',
  },
  {
    dept: '区税务局', cat: 'public-service', days: [5, 0], kind: 'person',
    names: ['纳税证明开具', '跨区域涉税事项报告', '自然人代开增值税发票', '清税申报'],
    basis: '《中华人民共和国税收征收管理法》《中华人民共和国税收征收管理法实施细则》',
  },
  {
    dept: '区税务局', cat: 'public-service', days: [1, 0], kind: 'person', flow: false,
    names: ['个人所得税纳税记录开具', '涉税信息查询'], basis: '《中华人民共和国个人所得税法》《中华人民共和国税收征收管理法》',
  },
  // ── 区人力社保局 ──
  {
    dept: '区人力社保局', cat: 'licensing', days: [20, 12], kind: 'firm', base: '劳务派遣经营许可', subs: ['设立', '变更', '延续', '注销'],
    mats: ['劳务派遣经营许可申请书', '经营场所使用证明', '劳务派遣管理制度文本'], defer: true,
    basis: `${LICENSING_LAW}《中华人民共和国劳动合同法》《劳务派遣行政许可实施办法》`,
  },
  {
    dept: '区人力社保局', cat: 'licensing', days: [20, 12], kind: 'firm', base: '人力资源服务许可', subs: ['设立', '变更', '注销'],
    mats: ['人力资源服务许可申请书', '专职工作人员名单及从业资格证明', '经营场所使用证明', '服务规章制度'], defer: true,
    basis: `${LICENSING_LAW}《中华人民共和国就业促进法》《人力资源市场暂行条例》`,
  },
  {
    dept: '区人力社保局', cat: 'licensing', days: [20, 12], kind: 'firm', base: '企业实行不定时工作制和综合计算工时工作制审批',
    subs: ['新申请', '延续'], mats: ['特殊工时制度申请表', '工会或职工代表意见', '实施方案'],
    basis: `${LICENSING_LAW}《中华人民共和国劳动法》《关于企业实行不定时工作制和综合计算工时工作制的审批办法》`,
  },
  {
    dept: '区人力社保局', cat: 'confirmation', days: [60, 40], kind: 'firm', names: ['工伤认定'],
    mats: ['工伤认定申请表', '劳动关系证明', '医疗诊断证明书'], defer: true, special: [{ code: 'INVESTIGATE', name: '调查核实', maxDays: 20 }],
    basis: '《中华人民共和国社会保险法》《工伤保险条例》《工伤认定办法》', proxy: true,
  },
  {
    dept: '区人力社保局', cat: 'confirmation', days: [60, 40], kind: 'person', names: ['劳动能力鉴定'],
    mats: ['劳动能力鉴定申请表', '工伤认定决定书', '病历资料'], special: [EXPERT(30, '专家鉴定')],
    basis: '《中华人民共和国社会保险法》《工伤保险条例》《工伤职工劳动能力鉴定管理办法》', proxy: true,
  },
  {
    dept: '区人力社保局', cat: 'benefit', days: [20, 12], kind: 'person', base: '职工基本养老保险退休待遇核定',
    subs: ['正常退休', '特殊工种提前退休'], mats: ['职工退休审批表', '人事档案'],
    basis: '《中华人民共和国社会保险法》《国务院关于工人退休、退职的暂行办法》', proxy: true,
    location: '合川区人力社保局社会保险服务分中心',
  },
  {
    dept: '区人力社保局', cat: 'benefit', days: [10, 3], kind: 'person', names: ['失业保险金申领', '失业保险关系转移接续'],
    mats: ['解除或终止劳动关系证明'], basis: '《中华人民共和国社会保险法》《失业保险条例》', proxy: true,
    location: '合川区人力社保局社会保险服务分中心',
  },
  {
    dept: '区人力社保局', cat: 'benefit', days: [20, 12], kind: 'person',
    names: ['一次性创业补贴申领', '工伤保险待遇核定', '丧葬补助金和抚恤金申领'],
    mats: ['补贴（待遇）申请表', '银行账户信息'], defer: true, basis: '《中华人民共和国社会保险法》《中华人民共和国就业促进法》', proxy: true,
  },
  {
    dept: '区人力社保局', cat: 'public-service', days: [30, 20], kind: 'person', flow: true, base: '职工基本养老保险关系转移接续',
    subs: ['转入', '转出'], mats: ['基本养老保险参保缴费凭证'],
    basis: '《中华人民共和国社会保险法》《城镇企业职工基本养老保险关系转移接续暂行办法》', proxy: true,
    location: '合川区人力社保局社会保险服务分中心',
  },
  {
    dept: '区人力社保局', cat: 'public-service', days: [10, 5], kind: 'person', flow: true, base: '社会保障卡申领',
    subs: ['首次申领', { sub: '即时制卡', days: [10, 0] }, { sub: '挂失', days: [1, 0] }], mats: ['近期一寸免冠彩色照片|original|1'],
    basis: '《中华人民共和国社会保险法》《社会保障卡管理办法》', proxy: true,
  },
  {
    dept: '区人力社保局', cat: 'public-service', days: [5, 0], kind: 'firm', base: '职工参保登记', subs: ['单位参保登记', '职工增员登记'],
    mats: ['社会保险登记表'], basis: '《中华人民共和国社会保险法》《社会保险费征缴暂行条例》',
    location: '合川区人力社保局社会保险服务分中心',
  },
  {
    dept: '区人力社保局', cat: 'public-service', days: [1, 0], kind: 'person', flow: false,
    names: ['社会保险个人权益记录查询打印', '社会保险参保缴费证明打印'], basis: '《中华人民共和国社会保险法》《社会保险个人权益记录管理办法》', proxy: true,
  },
  {
    dept: '区人力社保局', cat: 'other-power', days: [5, 5], kind: 'person', names: ['劳动人事争议仲裁申请'],
    mats: ['仲裁申请书', '证据材料'], basis: '《中华人民共和国劳动争议调解仲裁法》《劳动人事争议仲裁办案规则》',
  },
  // ── 区民政局 ──
  {
    dept: '区民政局', cat: 'confirmation', days: [0, 0], kind: 'household', names: ['结婚登记'],
    mats: ['近期二寸半身免冠合影照片|original|2', '本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明'],
    basis: '《中华人民共和国民法典》《婚姻登记条例》', tip: '婚姻登记须双方本人亲自到场，不能委托代办。',
  },
  {
    dept: '区民政局', cat: 'confirmation', days: [0, 0], kind: 'household', names: ['离婚登记'],
    mats: ['结婚证', '离婚协议书|original|3', '近期二寸单人免冠照片|original|2'],
    basis: '《中华人民共和国民法典》《婚姻登记条例》',
    tip: '离婚登记设30日冷静期，期满后30日内双方亲自到场领取离婚证。',
  },
  {
    dept: '区民政局', cat: 'confirmation', days: [0, 0], kind: 'household', names: ['补领婚姻登记证'],
    mats: ['补领婚姻登记证申请书', '近期二寸半身免冠照片|original|2'], basis: '《婚姻登记条例》',
  },
  {
    dept: '区民政局', cat: 'licensing', days: [30, 20], kind: 'none', base: '社会团体登记', subs: ['成立', '变更', '注销'],
    mats: ['登记申请书', '业务主管单位批准文件', '验资报告', '章程草案', '住所使用权证明'], defer: true,
    basis: `${LICENSING_LAW}《社会团体登记管理条例》`,
  },
  {
    dept: '区民政局', cat: 'licensing', days: [30, 20], kind: 'none', base: '民办非企业单位登记', subs: ['成立', '变更', '注销'],
    mats: ['登记申请书', '业务主管单位批准文件', '场所使用权证明', '验资报告', '章程草案'], defer: true,
    basis: `${LICENSING_LAW}《民办非企业单位登记管理暂行条例》`,
  },
  {
    dept: '区民政局', cat: 'other-power', days: [5, 0], kind: 'firm', names: ['养老机构备案'], mats: ['养老机构备案书', '养老机构备案承诺书'],
    basis: '《中华人民共和国老年人权益保障法》《养老机构管理办法》',
  },
  {
    dept: '区民政局', cat: 'other-power', days: [20, 15], kind: 'none', names: ['地名命名', '地名更名'],
    mats: ['地名命名（更名）申请书', '拟用地名的含义、来源说明', '专家论证意见'], special: [EXPERT(15, '专家论证')],
    basis: '《地名管理条例》《地名管理条例实施细则》',
  },
  {
    dept: '区民政局', cat: 'confirmation', days: [30, 20], kind: 'household', names: ['收养登记', '解除收养登记'],
    mats: ['收养申请书', '收养人婚姻状况证明', '收养人体检证明', '送养人同意送养的书面意见'], special: [{ code: 'ASSESS', name: '收养评估', maxDays: 60 }],
    basis: '《中华人民共和国民法典》《中国公民收养子女登记办法》',
  },
  {
    dept: '区民政局', cat: 'public-service', days: [5, 0], kind: 'person', flow: false, names: ['婚姻登记档案查询'],
    basis: '《婚姻登记条例》《婚姻登记档案管理办法》',
  },
  // ── 区卫生健康委 ──
  {
    dept: '区卫生健康委', cat: 'licensing', days: [45, 20], kind: 'firm', base: '医疗机构执业登记', subs: ['执业登记', '变更', '校验', '注销'],
    mats: ['医疗机构执业登记申请书', '房屋产权证明或使用证明', '医疗机构建筑设计平面图', '医疗机构规章制度'], defer: true, special: [SITE(20)],
    basis: `${LICENSING_LAW}《医疗机构管理条例》《医疗机构管理条例实施细则》`,
  },
  {
    dept: '区卫生健康委', cat: 'licensing', days: [20, 8], kind: 'person', base: '医师执业注册', subs: ['首次注册', '变更注册', '注销注册'],
    mats: ['医师执业注册申请审核表', '医师资格证书', '健康证明', '拟聘用机构聘用证明'], basis: `${LICENSING_LAW}《中华人民共和国医师法》《医师执业注册管理办法》`,
  },
  {
    dept: '区卫生健康委', cat: 'licensing', days: [20, 8], kind: 'person', base: '护士执业注册', subs: ['首次注册', '延续注册', '变更注册'],
    mats: ['护士执业注册申请审核表', '护士执业资格考试成绩合格证明', '健康体检证明', '拟执业机构拟聘用证明'], basis: `${LICENSING_LAW}《护士条例》《护士执业注册管理办法》`,
  },
  {
    dept: '区卫生健康委', cat: 'licensing', days: [20, 8], kind: 'firm', base: '公共场所卫生许可证', subs: ['新办', '变更', '延续', '注销'],
    mats: ['公共场所卫生许可申请表', '卫生管理制度', '从业人员健康合格证明', '场所平面图'], defer: true, special: [SITE(5)],
    basis: `${LICENSING_LAW}《公共场所卫生管理条例》《公共场所卫生管理条例实施细则》`,
  },
  {
    dept: '区卫生健康委', cat: 'licensing', days: [20, 15], kind: 'firm', base: '放射诊疗许可', subs: ['新办', '校验', '变更'],
    mats: ['放射诊疗许可申请表', '放射诊疗设备清单', '放射防护与质量控制检测报告', '放射工作人员个人剂量监测报告'], special: [TEST(30, '放射防护检测评价')],
    basis: `${LICENSING_LAW}《放射诊疗管理规定》《放射性同位素与射线装置安全和防护条例》`,
  },
  {
    dept: '区卫生健康委', cat: 'licensing', days: [20, 12], kind: 'firm', base: '母婴保健技术服务执业许可', subs: ['新办', '校验', '变更'],
    mats: ['母婴保健技术服务执业许可申请登记书', '专业技术人员名册及资格证书', '设备清单'], special: [SITE(10)],
    basis: `${LICENSING_LAW}《中华人民共和国母婴保健法》《中华人民共和国母婴保健法实施办法》`,
  },
  {
    dept: '区卫生健康委', cat: 'licensing', days: [20, 12], kind: 'person', base: '乡村医生执业注册', subs: ['首次注册', '再注册', '变更注册'],
    mats: ['乡村医生执业注册申请表', '学历或资格证明', '村卫生室聘用证明'], basis: `${LICENSING_LAW}《乡村医生从业管理条例》`, proxy: true,
  },
  {
    dept: '区卫生健康委', cat: 'licensing', days: [20, 12], kind: 'firm', base: '饮用水供水单位卫生许可', subs: ['新办', '延续', '变更'],
    mats: ['卫生许可申请书', '水质检验报告', '供水设施平面图', '卫生管理制度'], special: [TEST(20, '水质检测')],
    basis: `${LICENSING_LAW}《中华人民共和国传染病防治法》《生活饮用水卫生监督管理办法》`,
  },
  {
    dept: '区卫生健康委', cat: 'other-power', days: [5, 0], kind: 'firm', names: ['诊所备案'],
    mats: ['诊所备案信息表', '诊所房屋使用证明', '诊所人员执业资格证明'], basis: '《中华人民共和国基本医疗卫生与健康促进法》《医疗机构管理条例》',
  },
  // ── 区住房城乡建设委 ──
  {
    dept: '区住房城乡建设委', cat: 'licensing', days: [15, 3], kind: 'project', base: '建筑工程施工许可证核发', subs: ['新办', '变更', '延期'],
    mats: ['建设工程规划许可证', '施工合同', '施工图设计文件审查合格意见'], defer: true,
    basis: `${LICENSING_LAW}《中华人民共和国建筑法》《建筑工程施工许可管理办法》`,
  },
  {
    dept: '区住房城乡建设委', cat: 'licensing', days: [10, 5], kind: 'project', base: '商品房预售许可', subs: ['新办', '变更'],
    mats: ['商品房预售方案', '建设工程规划许可证', '施工进度证明'], special: [SITE(5)],
    basis: `${LICENSING_LAW}《城市房地产开发经营管理条例》《城市商品房预售管理办法》`,
  },
  {
    dept: '区住房城乡建设委', cat: 'licensing', days: [20, 15], kind: 'firm', base: '建筑业企业资质', subs: ['首次申请', '延续', '变更'],
    mats: ['建筑业企业资质申请表', '技术负责人及注册人员证明', '主要设备清单'], defer: true,
    basis: `${LICENSING_LAW}《中华人民共和国建筑法》《建筑业企业资质管理规定》`,
  },
  {
    dept: '区住房城乡建设委', cat: 'other-power', days: [15, 5], kind: 'project',
    names: ['房屋建筑和市政基础设施工程竣工验收备案'],
    mats: ['竣工验收备案表', '工程竣工验收报告'], basis: '《建设工程质量管理条例》《房屋建筑和市政基础设施工程竣工验收备案管理办法》',
  },
  {
    dept: '区住房城乡建设委', cat: 'other-power', days: [5, 3], kind: 'project', names: ['建设工程质量安全监督手续办理'],
    mats: ['工程质量安全监督申报表', '施工合同', '中标通知书'], basis: '《建设工程质量管理条例》《建设工程安全生产管理条例》',
  },
  {
    dept: '区住房城乡建设委', cat: 'benefit', days: [20, 15], kind: 'household', names: ['公共租赁住房申请', '公共租赁住房租赁补贴申请'],
    mats: ['公共租赁住房申请表', '收入证明', '住房情况证明'], defer: true, special: [PUBLICITY(7)],
    basis: '《公共租赁住房管理办法》《重庆市公共租赁住房管理暂行办法》', proxy: true,
  },
  {
    dept: '区住房城乡建设委', cat: 'other-power', days: [3, 0], kind: 'person',
    names: ['商品房买卖合同网签备案', '存量房买卖合同网签备案'],
    mats: ['房屋买卖（租赁）合同', '房屋权属证明'], basis: '《中华人民共和国城市房地产管理法》《商品房屋租赁管理办法》',
  },
  {
    dept: '区住房城乡建设委', cat: 'other-power', days: [7, 3], kind: 'firm', base: '建筑起重机械使用登记', subs: ['使用登记', '注销'],
    mats: ['使用登记申请表', '安装验收资料', '检验检测报告'], basis: '《建设工程安全生产管理条例》《建筑起重机械安全监督管理规定》',
  },
  // ── 区规划自然资源局 ──
  {
    dept: '区规划自然资源局', cat: 'licensing', days: [20, 12], kind: 'project', base: '建设用地规划许可证', subs: ['新办', '变更'],
    mats: ['建设用地规划许可申请表', '国有土地使用权出让合同', '宗地图'], special: [PUBLICITY(10)],
    basis: `${LICENSING_LAW}《中华人民共和国城乡规划法》`,
  },
  {
    dept: '区规划自然资源局', cat: 'licensing', days: [20, 12], kind: 'project', base: '建设工程规划许可证', subs: ['新办', '变更', '延续'],
    mats: ['建设工程规划许可申请表', '建设用地规划许可证或土地权属证明', '建设工程设计方案'], defer: true, special: [HEARING],
    basis: `${LICENSING_LAW}《中华人民共和国城乡规划法》`,
  },
  {
    dept: '区规划自然资源局', cat: 'licensing', days: [20, 12], kind: 'project',
    names: ['建设项目用地预审与选址意见书核发', '临时用地审批'], mats: ['用地申请书', '勘测定界图', '土地复垦方案'], special: [SITE(10)],
    basis: `${LICENSING_LAW}《中华人民共和国土地管理法》《中华人民共和国土地管理法实施条例》`,
  },
  {
    dept: '区规划自然资源局', cat: 'confirmation', days: [30, 5], kind: 'person', fee: REALTY_FEE,
    names: [
      '国有建设用地使用权及房屋所有权首次登记', '国有建设用地使用权及房屋所有权转移登记', { name: '国有建设用地使用权及房屋所有权变更登记', days: [30, 3] },
      { name: '不动产抵押权首次登记', days: [30, 1] }, { name: '不动产预告登记', days: [30, 1] }, '不动产更正登记',
    ],
    mats: ['不动产登记申请书', '不动产权属证书', '登记原因证明文件', '不动产权籍调查成果'],
    basis: '《中华人民共和国民法典》《不动产登记暂行条例》《不动产登记暂行条例实施细则》',
    location: '合川区行政服务中心三楼不动产登记窗口',
  },
  {
    dept: '区规划自然资源局', cat: 'confirmation', days: [30, 0], kind: 'person',
    names: ['不动产抵押权注销登记', { name: '不动产异议登记', days: [30, 1] }, '不动产查封登记'], mats: ['不动产登记申请书', '登记原因证明文件'],
    basis: '《中华人民共和国民法典》《不动产登记暂行条例》《不动产登记暂行条例实施细则》',
    location: '合川区行政服务中心三楼不动产登记窗口',
  },
  {
    dept: '区规划自然资源局', cat: 'confirmation', days: [30, 10], kind: 'household',
    names: ['宅基地使用权及房屋所有权首次登记', '宅基地使用权及房屋所有权转移登记（继承）'],
    mats: ['不动产登记申请书', '宅基地批准文件', '房屋竣工或权籍调查成果'], defer: true, special: [SITE(10)],
    fee: { basis: REALTY_FEE.basis, standard: '只收取不动产权属证书工本费，每本10元' },
    basis: '《中华人民共和国土地管理法》《不动产登记暂行条例》', proxy: true, location: '合川区行政服务中心三楼不动产登记窗口',
  },
  {
    dept: '区规划自然资源局', cat: 'confirmation', days: [30, 10], kind: 'person', names: ['不动产权证书补证'],
    mats: ['不动产登记申请书', '遗失声明'], special: [PUBLICITY(15)], basis: '《不动产登记暂行条例》《不动产登记暂行条例实施细则》',
    location: '合川区行政服务中心三楼不动产登记窗口',
  },
  {
    dept: '区规划自然资源局', cat: 'public-service', days: [1, 0], kind: 'person', flow: false, names: ['不动产登记资料查询'],
    basis: '《不动产登记暂行条例》《不动产登记资料查询暂行办法》', location: '合川区行政服务中心三楼不动产登记窗口',
  },
  {
    dept: '区规划自然资源局', cat: 'licensing', days: [40, 20], kind: 'firm', base: '采矿许可证（砂石土类）', subs: ['新立', '延续', '变更'],
    mats: ['采矿权申请登记书', '矿产资源开发利用方案', '矿山地质环境保护与土地复垦方案', '资金证明'], special: [EXPERT(20, '专家审查')],
    basis: `${LICENSING_LAW}《中华人民共和国矿产资源法》《矿产资源开采登记管理办法》`,
  },
  // ── 区交通局 ──
  {
    dept: '区交通局', cat: 'licensing', days: [20, 12], kind: 'firm', base: '道路旅客运输经营许可', subs: ['新办', '变更', '注销'],
    mats: ['道路旅客运输经营申请表', '客运车辆情况说明', '驾驶人员从业资格证', '安全生产管理制度文本'], defer: true,
    basis: `${LICENSING_LAW}《中华人民共和国道路运输条例》《道路旅客运输及客运站管理规定》`,
  },
  {
    dept: '区交通局', cat: 'licensing', days: [20, 8], kind: 'firm', base: '道路货物运输经营许可', subs: ['新办', '变更', '注销'],
    mats: ['道路货物运输经营申请表', '车辆行驶证', '驾驶人员从业资格证', '安全生产管理制度文本'], defer: true,
    basis: `${LICENSING_LAW}《中华人民共和国道路运输条例》《道路货物运输及站场管理规定》`,
  },
  {
    dept: '区交通局', cat: 'licensing', days: [5, 0], kind: 'person', base: '道路运输从业人员从业资格证', subs: ['换证', '补证'],
    mats: ['从业资格证申请表', '机动车驾驶证'], basis: `${LICENSING_LAW}《中华人民共和国道路运输条例》《道路运输从业人员管理规定》`,
  },
  {
    dept: '区交通局', cat: 'other-power', days: [5, 0], kind: 'firm', base: '机动车维修经营备案', subs: ['备案', '变更'],
    mats: ['机动车维修经营备案表', '维修设备设施清单'], basis: '《中华人民共和国道路运输条例》《机动车维修管理规定》',
  },
  {
    dept: '区交通局', cat: 'licensing', days: [20, 12], kind: 'firm', names: ['巡游出租汽车经营许可', '网络预约出租汽车运输证核发', '网络预约出租汽车驾驶员证核发'],
    mats: ['许可申请表', '车辆或驾驶员情况证明', '安全生产管理制度'], basis: `${LICENSING_LAW}《巡游出租汽车经营服务管理规定》《网络预约出租汽车经营服务管理暂行办法》`,
  },
  {
    dept: '区交通局', cat: 'licensing', days: [20, 12], kind: 'project',
    names: ['占用、挖掘公路许可', '公路用地范围内设置非公路标志许可', '跨越、穿越公路修建桥梁、渡槽或者架设、埋设管线许可'],
    mats: ['涉路施工申请书', '设计图纸及施工方案', '安全保障措施', '交通组织方案'], special: [SITE(5)],
    basis: `${LICENSING_LAW}《中华人民共和国公路法》《公路安全保护条例》`,
  },
  {
    dept: '区交通局', cat: 'licensing', days: [5, 2], kind: 'firm', names: ['公路超限运输许可'], mats: ['超限运输申请表', '车辆行驶证', '货物说明'],
    basis: `${LICENSING_LAW}《公路安全保护条例》《超限运输车辆行驶公路管理规定》`,
  },
  {
    dept: '区交通局', cat: 'public-service', days: [5, 0], kind: 'firm', base: '道路运输证', subs: ['配发', '补发'],
    mats: ['车辆行驶证', '车辆技术等级评定证明'], basis: '《中华人民共和国道路运输条例》《道路运输车辆技术管理规定》',
  },
  // ── 区农业农村委 ──
  {
    dept: '区农业农村委', cat: 'licensing', days: [20, 12], kind: 'firm', base: '农药经营许可证', subs: ['新办', '延续', '变更'],
    mats: ['农药经营许可申请表', '经营人员农药专业学历或培训证明', '营业场所和仓储场所地址证明', '农药经营质量管理制度'], defer: true, special: [SITE(5)],
    basis: `${LICENSING_LAW}《农药管理条例》《农药经营许可管理办法》`,
  },
  {
    dept: '区农业农村委', cat: 'licensing', days: [20, 12], kind: 'firm', base: '兽药经营许可证', subs: ['新办', '换证', '变更'],
    mats: ['兽药经营许可证申请表', '经营场所和仓库证明', '质量管理人员资格证明', '质量管理制度'], defer: true, special: [SITE(5)],
    basis: `${LICENSING_LAW}《兽药管理条例》《兽药经营质量管理规范》`,
  },
  {
    dept: '区农业农村委', cat: 'licensing', days: [20, 12], kind: 'firm', base: '动物防疫条件合格证', subs: ['新办', '变更'],
    mats: ['动物防疫条件审查申请表', '场所地理位置图、各功能区布局平面图', '动物防疫制度'], special: [SITE(10)],
    basis: `${LICENSING_LAW}《中华人民共和国动物防疫法》《动物防疫条件审查办法》`,
  },
  {
    dept: '区农业农村委', cat: 'licensing', days: [20, 12], kind: 'firm', base: '农作物种子生产经营许可证', subs: ['新办', '变更', '延续'],
    mats: ['种子生产经营许可证申请表', '经营场所和仓储设施证明', '种子检验设施设备清单'], defer: true,
    basis: `${LICENSING_LAW}《中华人民共和国种子法》《农作物种子生产经营许可管理办法》`,
  },
  {
    dept: '区农业农村委', cat: 'licensing', days: [20, 12], kind: 'firm', base: '动物诊疗许可证', subs: ['新办', '变更'],
    mats: ['动物诊疗许可证申请表', '诊疗场所使用权证明', '执业兽医资格证书', '诊疗设备清单'], special: [SITE(5)],
    basis: `${LICENSING_LAW}《中华人民共和国动物防疫法》《动物诊疗机构管理办法》`,
  },
  {
    dept: '区农业农村委', cat: 'licensing', days: [5, 2], kind: 'person', base: '拖拉机和联合收割机登记',
    subs: ['注册登记', '变更登记', '转移登记', '注销登记'], mats: ['拖拉机和联合收割机登记业务申请表', '机具来历证明', '出厂合格证明'],
    basis: `${LICENSING_LAW}《中华人民共和国道路交通安全法》《农业机械安全监督管理条例》《拖拉机和联合收割机登记规定》`, proxy: true,
  },
  {
    dept: '区农业农村委', cat: 'licensing', days: [5, 2], kind: 'person', base: '拖拉机和联合收割机驾驶证', subs: ['申领', '换证', '补证'],
    mats: ['驾驶证申请表', '身体条件证明', '近期一寸免冠照片|original|2'],
    basis: `${LICENSING_LAW}《农业机械安全监督管理条例》《拖拉机和联合收割机驾驶证管理规定》`, proxy: true,
  },
  {
    dept: '区农业农村委', cat: 'licensing', days: [20, 12], kind: 'firm', names: ['生鲜乳收购站许可'],
    mats: ['生鲜乳收购站许可申请表', '化验、计量、检测仪器设备清单', '质量安全管理制度'], basis: `${LICENSING_LAW}《乳品质量安全监督管理条例》`,
  },
  {
    dept: '区农业农村委', cat: 'public-service', days: [10, 5], kind: 'household', names: ['家庭农场名录登记', '乡村兽医登记'],
    mats: ['登记申请表'], basis: '《中华人民共和国农业法》《中华人民共和国动物防疫法》', proxy: true,
  },
  // ── 区公安分局 ──
  {
    dept: '区公安分局', cat: 'confirmation', days: [60, 15], kind: 'none', names: ['居民身份证首次申领'],
    mats: ['户口簿', '居民身份证申领登记表'], basis: '《中华人民共和国居民身份证法》',
  },
  {
    dept: '区公安分局', cat: 'confirmation', days: [60, 15], kind: 'household', names: ['居民身份证到期换领', '居民身份证遗失补领'],
    mats: ['居民身份证申领登记表'], basis: '《中华人民共和国居民身份证法》',
    fee: { basis: '《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）', standard: '每证20元' },
  },
  {
    dept: '区公安分局', cat: 'confirmation', days: [3, 0], kind: 'household', names: ['临时居民身份证申领'], mats: ['近期一寸免冠照片|original|2'],
    basis: '《中华人民共和国居民身份证法》《临时居民身份证管理办法》',
    fee: { basis: '《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）', standard: '每证10元' },
  },
  {
    dept: '区公安分局', cat: 'licensing', days: [15, 7], kind: 'person', base: '普通护照签发', subs: ['首次申请', { sub: '换发', days: [15, 7] }, { sub: '补发', days: [15, 7] }],
    mats: ['中国公民出入境证件申请表', '近期免冠彩色照片|original|1'], basis: `${LICENSING_LAW}《中华人民共和国护照法》《中华人民共和国出境入境管理法》`,
    fee: { basis: '《国家发展改革委 财政部关于降低部分行政事业性收费标准的通知》（发改价格规〔2019〕914号）', standard: '每本120元' },
    location: '合川区行政服务中心一楼出入境窗口', window: 'A18',
  },
  {
    dept: '区公安分局', cat: 'licensing', days: [15, 7], kind: 'person', names: ['往来港澳通行证及签注签发', '往来台湾通行证及签注签发'],
    mats: ['中国公民出入境证件申请表', '近期免冠彩色照片|original|1'],
    basis: `${LICENSING_LAW}《中华人民共和国出境入境管理法》《中国公民因私事往来香港地区或者澳门地区的暂行管理办法》`,
    fee: { basis: '《国家发展改革委 财政部关于降低部分行政事业性收费标准的通知》（发改价格规〔2019〕914号）', standard: '通行证每证60元，签注每次15元' },
    location: '合川区行政服务中心一楼出入境窗口', window: 'A18',
  },
  {
    dept: '区公安分局', cat: 'licensing', days: [20, 12], kind: 'firm', base: '旅馆业特种行业许可证', subs: ['新办', '变更'],
    mats: ['旅馆业特种行业许可证申请登记表', '经营场所平面图', '消防安全检查合格证明或承诺书', '治安保卫制度'], defer: true, special: [SITE(5)],
    basis: `${LICENSING_LAW}《旅馆业治安管理办法》`,
  },
  {
    dept: '区公安分局', cat: 'licensing', days: [7, 5], kind: 'firm', names: ['大型群众性活动安全许可'],
    mats: ['安全许可申请表', '活动安全工作方案', '场所管理者同意使用证明'], special: [SITE(3)],
    basis: `${LICENSING_LAW}《大型群众性活动安全管理条例》`,
  },
  {
    dept: '区公安分局', cat: 'other-power', days: [1, 0], kind: 'firm', names: ['公章刻制备案'], mats: ['公章刻制申请表'],
    basis: '《印铸刻字业暂行管理规则》《国务院关于第三批取消中央指定地方实施行政许可事项的决定》',
  },
  {
    dept: '区公安分局', cat: 'licensing', days: [7, 0], kind: 'person', base: '养犬登记', subs: ['登记', '注销'],
    mats: ['养犬登记申请表', '犬只狂犬病免疫证明', '犬只照片|original|1'], basis: `${LICENSING_LAW}《重庆市养犬管理暂行办法》`,
  },
  {
    dept: '区公安分局', cat: 'public-service', days: [3, 0], kind: 'person', flow: true, names: ['无犯罪记录证明开具'],
    mats: ['无犯罪记录证明申请表'], basis: '《公安机关办理犯罪记录查询工作规定》',
  },
  {
    dept: '区公安分局', cat: 'licensing', days: [1, 0], kind: 'person',
    names: ['机动车注册登记', '机动车驾驶证期满换证', '机动车驾驶证遗失补证'],
    mats: ['机动车（驾驶证）业务申请表', '机动车来历证明或驾驶证'], basis: `${LICENSING_LAW}《中华人民共和国道路交通安全法》《机动车登记规定》《机动车驾驶证申领和使用规定》`,
    location: '合川区公安分局车辆管理所分中心', window: '车管1号',
  },
  // ── 区教委 ──
  {
    dept: '区教委', cat: 'licensing', days: [60, 40], kind: 'none', base: '民办学校办学许可', subs: ['设立', '变更', '终止'],
    mats: ['办学许可申请报告', '举办者资格证明', '拟任校长及教师资格证明', '办学场所证明', '资产来源及验资证明'], special: [EXPERT(20)],
    basis: `${LICENSING_LAW}《中华人民共和国民办教育促进法》《中华人民共和国民办教育促进法实施条例》`,
  },
  {
    dept: '区教委', cat: 'licensing', days: [30, 20], kind: 'person', base: '教师资格认定', subs: ['幼儿园', '小学', '初级中学'],
    mats: ['教师资格认定申请表', '学历证书', '普通话水平测试等级证书', '体检合格证明'], defer: true,
    basis: `${LICENSING_LAW}《中华人民共和国教师法》《教师资格条例》《〈教师资格条例〉实施办法》`,
  },
  {
    dept: '区教委', cat: 'licensing', days: [20, 15], kind: 'none', base: '校外培训机构办学许可', subs: ['设立', '变更', '注销'],
    mats: ['办学许可申请书', '举办者资格证明', '培训场所证明', '章程及管理制度'], special: [SITE(10)],
    basis: `${LICENSING_LAW}《中华人民共和国民办教育促进法》`,
  },
  {
    dept: '区教委', cat: 'benefit', days: [20, 12], kind: 'household',
    names: ['普通高中国家助学金申请', '中等职业学校国家助学金申请', '生源地信用助学贷款申请'],
    mats: ['资助申请表', '家庭经济困难情况证明材料'], defer: true, basis: '《中华人民共和国教育法》《学生资助资金管理办法》', proxy: true,
  },
  {
    dept: '区教委', cat: 'public-service', days: [5, 0], kind: 'household', flow: false, names: ['适龄儿童义务教育入学登记'],
    basis: '《中华人民共和国义务教育法》', proxy: true,
  },
  // ── 区医保局 ──
  {
    dept: '区医保局', cat: 'public-service', days: [5, 0], kind: 'firm', names: ['职工基本医疗保险参保登记'],
    mats: ['医疗保险参保登记表'], basis: '《中华人民共和国社会保险法》《医疗保障基金使用监督管理条例》',
  },
  {
    dept: '区医保局', cat: 'benefit', days: [30, 20], kind: 'person', names: ['异地就医医疗费用零星报销', '门诊特殊疾病医疗费用报销', '生育津贴申领'],
    mats: ['医疗费用票据', '费用明细清单', '出院小结或诊断证明'], defer: true,
    basis: '《中华人民共和国社会保险法》《医疗保障基金使用监督管理条例》', proxy: true,
  },
  {
    dept: '区医保局', cat: 'confirmation', days: [20, 12], kind: 'person', names: ['门诊特殊疾病认定'],
    mats: ['门诊特殊疾病申请表', '病历及检查报告'], special: [EXPERT(10)], basis: '《中华人民共和国社会保险法》《重庆市城乡居民合作医疗保险办法》', proxy: true,
  },
  {
    dept: '区医保局', cat: 'public-service', days: [1, 0], kind: 'person', names: ['异地长期居住人员就医备案', '异地转诊人员就医备案', '临时外出就医人员备案'],
    mats: ['异地就医备案表'], basis: '《中华人民共和国社会保险法》《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》', proxy: true,
  },
  {
    dept: '区医保局', cat: 'public-service', days: [45, 15], kind: 'person', flow: true, names: ['基本医疗保险关系转移接续'],
    mats: ['参保（合）凭证'], basis: '《中华人民共和国社会保险法》《流动就业人员基本医疗保障关系转移接续暂行办法》', proxy: true,
  },
  {
    dept: '区医保局', cat: 'other-power', days: [60, 40], kind: 'firm', names: ['定点医疗机构确定', '定点零售药店确定'],
    mats: ['定点申请表', '执业许可证件', '医保管理制度'], special: [SITE(10)], basis: '《医疗保障基金使用监督管理条例》《医疗机构医疗保障定点管理暂行办法》',
  },
  {
    dept: '区医保局', cat: 'public-service', days: [1, 0], kind: 'person', flow: false, names: ['医疗保险参保凭证打印'],
    basis: '《中华人民共和国社会保险法》', proxy: true,
  },
  // ── 区残联 ──
  {
    dept: '区残联', cat: 'public-service', days: [20, 12], kind: 'household', flow: true, base: '残疾人证办理', subs: ['新办', { sub: '换领', days: [20, 8] }, '迁移', { sub: '补办', days: [20, 8] }, '变更', '注销'],
    mats: ['残疾人证申请表', '近期二寸免冠白底彩色照片|original|3'], special: [{ code: 'ASSESS', name: '残疾评定', maxDays: 20 }],
    basis: '《中华人民共和国残疾人保障法》《中华人民共和国残疾人证管理办法》', proxy: true,
  },
  {
    dept: '区残联', cat: 'benefit', days: [20, 12], kind: 'household',
    names: ['残疾儿童康复救助申请', '残疾人辅助器具适配申请', '残疾人机动轮椅车燃油补贴申领'],
    mats: ['救助（补贴）申请表', '残疾人证'], basis: '《中华人民共和国残疾人保障法》《国务院关于建立残疾儿童康复救助制度的意见》', proxy: true,
  },
  {
    dept: '区残联', cat: 'public-service', days: [30, 20], kind: 'household', flow: true, names: ['困难残疾人家庭无障碍改造'],
    mats: ['改造申请表', '残疾人证', '住房权属或使用证明'], special: [SITE(10)], basis: '《中华人民共和国无障碍环境建设法》《中华人民共和国残疾人保障法》', proxy: true,
  },
  {
    dept: '区残联', cat: 'public-service', days: [5, 0], kind: 'person', flow: false, names: ['残疾人职业技能培训报名'],
    basis: '《中华人民共和国残疾人保障法》《残疾人就业条例》', proxy: true,
  },
  // ── 区退役军人事务局 ──
  {
    dept: '区退役军人事务局', cat: 'benefit', days: [20, 12], kind: 'household',
    names: ['退役士兵自主就业一次性经济补助金发放', '在乡复员军人定期定量补助', '烈士遗属定期抚恤金发放', '参战参试退役人员生活补助'],
    mats: ['申请表', '退役证件或优抚证件'], defer: true, basis: '《中华人民共和国退役军人保障法》《军人抚恤优待条例》《退役士兵安置条例》', proxy: true,
  },
  {
    dept: '区退役军人事务局', cat: 'confirmation', days: [60, 40], kind: 'person', base: '残疾等级评定', subs: ['新办评定', '调整评定'],
    mats: ['评定残疾等级申请表', '医疗诊断证明', '致残经过证明'], special: [EXPERT(30, '医学鉴定')],
    basis: '《军人抚恤优待条例》《伤残抚恤管理办法》', proxy: true,
  },
  {
    dept: '区退役军人事务局', cat: 'public-service', days: [20, 12], kind: 'person', flow: true, names: ['伤残抚恤关系接转', '退役军人档案接收'],
    mats: ['抚恤关系（档案）转移证明'], basis: '《中华人民共和国退役军人保障法》《伤残抚恤管理办法》', proxy: true,
  },
  // ── 区生态环境局 ──
  {
    dept: '区生态环境局', cat: 'licensing', days: [60, 20], kind: 'project',
    names: ['建设项目环境影响报告书审批', { name: '建设项目环境影响报告表审批', days: [30, 10] }],
    mats: ['环境影响评价文件审批申请', '环境影响报告书（表）', '公众参与说明'], special: [EXPERT(30, '技术评估')],
    basis: `${LICENSING_LAW}《中华人民共和国环境影响评价法》《建设项目环境保护管理条例》`,
  },
  {
    dept: '区生态环境局', cat: 'licensing', days: [20, 15], kind: 'firm', base: '排污许可证', subs: ['新办', '变更', '延续'],
    mats: ['排污许可证申请表', '自行监测方案', '污染防治设施说明'], defer: true, special: [SITE(10)],
    basis: `${LICENSING_LAW}《中华人民共和国环境保护法》《排污许可管理条例》`,
  },
  {
    dept: '区生态环境局', cat: 'other-power', days: [1, 0], kind: 'project', names: ['建设项目环境影响登记表备案'],
    mats: ['环境影响登记表'], basis: '《中华人民共和国环境影响评价法》《建设项目环境影响登记表备案管理办法》',
  },
  // ── 区城市管理局 ──
  {
    dept: '区城市管理局', cat: 'licensing', days: [20, 8], kind: 'firm', base: '城市建筑垃圾处置核准', subs: ['新办', '延续'],
    mats: ['建筑垃圾处置核准申请表', '建筑垃圾运输合同', '消纳场地证明'], basis: `${LICENSING_LAW}《城市市容和环境卫生管理条例》《城市建筑垃圾管理规定》`,
  },
  {
    dept: '区城市管理局', cat: 'licensing', days: [20, 8], kind: 'project', names: ['临时占用城市道路许可', '挖掘城市道路许可'],
    mats: ['占用（挖掘）城市道路申请表', '施工方案及平面图', '交通安全措施'], special: [SITE(3)],
    fee: { basis: '《城市道路管理条例》《重庆市城市道路占用费、挖掘修复费收费标准》', standard: '按占用面积、期限和路段等级计收' },
    basis: `${LICENSING_LAW}《城市道路管理条例》`,
  },
  {
    dept: '区城市管理局', cat: 'licensing', days: [20, 12], kind: 'firm', base: '户外广告设施设置许可', subs: ['新办', '延续'],
    mats: ['户外广告设置申请表', '设计效果图|original|1', '场地使用权证明', '结构安全证明'], defer: true,
    basis: `${LICENSING_LAW}《城市市容和环境卫生管理条例》`,
  },
  {
    dept: '区城市管理局', cat: 'licensing', days: [20, 8], kind: 'project', names: ['砍伐、迁移城市树木审批', '临时占用城市绿地审批'],
    mats: ['申请书', '树木（绿地）现状照片及位置图', '补植或恢复方案'], special: [SITE(3)], basis: `${LICENSING_LAW}《城市绿化条例》`,
  },
  {
    dept: '区城市管理局', cat: 'licensing', days: [20, 12], kind: 'firm', base: '城镇燃气经营许可', subs: ['新办', '变更'],
    mats: ['燃气经营许可申请书', '气源证明', '安全管理制度', '专业人员培训考核合格证明'], special: [EXPERT(10)],
    basis: `${LICENSING_LAW}《城镇燃气管理条例》《燃气经营许可管理办法》`,
  },
  {
    dept: '区城市管理局', cat: 'licensing', days: [15, 10], kind: 'firm', base: '城镇污水排入排水管网许可', subs: ['新办', '变更'],
    mats: ['排水许可申请表', '排水口分布图', '排水水质检测报告'], special: [TEST(10, '水质检测')],
    basis: `${LICENSING_LAW}《城镇排水与污水处理条例》《城镇污水排入排水管网许可管理办法》`,
  },
  // ── 区水利局 ──
  {
    dept: '区水利局', cat: 'licensing', days: [45, 20], kind: 'firm', base: '取水许可', subs: ['新办', '延续', '变更'],
    mats: ['取水许可申请书', '建设项目水资源论证报告', '取水计量设施说明'], special: [EXPERT(20, '水资源论证评审')],
    basis: `${LICENSING_LAW}《中华人民共和国水法》《取水许可和水资源费征收管理条例》`,
  },
  {
    dept: '区水利局', cat: 'licensing', days: [20, 12], kind: 'project',
    names: ['生产建设项目水土保持方案审批', '河道管理范围内建设项目工程建设方案审批', '河道采砂许可'],
    mats: ['审批申请书', '方案报告书', '防洪影响评价报告'], special: [EXPERT(15)],
    basis: `${LICENSING_LAW}《中华人民共和国水土保持法》《中华人民共和国河道管理条例》`,
  },
  // ── 区文化旅游委 ──
  {
    dept: '区文化旅游委', cat: 'licensing', days: [20, 12], kind: 'firm', base: '娱乐场所经营许可证', subs: ['新办', '变更', '延续'],
    mats: ['娱乐场所经营许可申请书', '经营场所平面示意图', '投资人及从业人员身份证明'], special: [SITE(5)],
    basis: `${LICENSING_LAW}《娱乐场所管理条例》《娱乐场所管理办法》`,
  },
  {
    dept: '区文化旅游委', cat: 'licensing', days: [20, 12], kind: 'firm', base: '互联网上网服务营业场所经营许可', subs: ['新办', '变更'],
    mats: ['申请书', '经营场所使用证明', '网络安全技术措施说明'], special: [SITE(5)],
    basis: `${LICENSING_LAW}《互联网上网服务营业场所管理条例》`,
  },
  {
    dept: '区文化旅游委', cat: 'licensing', days: [3, 2], kind: 'firm', names: ['营业性演出审批'],
    mats: ['营业性演出申请登记表', '演出节目内容材料', '演员身份证明'], basis: `${LICENSING_LAW}《营业性演出管理条例》`,
  },
  {
    dept: '区文化旅游委', cat: 'public-service', days: [1, 0], kind: 'person', flow: false, names: ['公共图书馆读者证办理'],
    basis: '《中华人民共和国公共图书馆法》',
  },
  // ── 区应急管理局 ──
  {
    dept: '区应急管理局', cat: 'licensing', days: [30, 20], kind: 'firm', base: '危险化学品经营许可证', subs: ['新办', '延期', '变更'],
    mats: ['危险化学品经营许可证申请书', '经营和储存场所证明', '主要负责人安全资格证', '安全生产管理制度'], defer: true, special: [SITE(5)],
    basis: `${LICENSING_LAW}《危险化学品安全管理条例》《危险化学品经营许可证管理办法》`,
  },
  {
    dept: '区应急管理局', cat: 'licensing', days: [20, 12], kind: 'firm', base: '烟花爆竹经营（零售）许可证', subs: ['新办', '延期', '变更'],
    mats: ['零售许可申请书', '零售场所证明', '安全管理人员培训证明'], special: [SITE(5)],
    basis: `${LICENSING_LAW}《烟花爆竹安全管理条例》《烟花爆竹经营许可实施办法》`,
  },
  // ── 区林业局 ──
  {
    dept: '区林业局', cat: 'licensing', days: [20, 8], kind: 'firm', base: '林木采伐许可证', subs: ['商品林采伐', '公益林更新采伐'],
    mats: ['林木采伐申请表', '林权证明', '伐区调查设计'], special: [SITE(10)],
    basis: `${LICENSING_LAW}《中华人民共和国森林法》《中华人民共和国森林法实施条例》`,
  },
  {
    dept: '区林业局', cat: 'licensing', days: [20, 12], kind: 'firm', names: ['临时使用林地审批', '林草种子生产经营许可证核发'],
    mats: ['申请表', '林地或场所权属证明', '恢复或经营方案'], special: [SITE(5)],
    basis: `${LICENSING_LAW}《中华人民共和国森林法》《中华人民共和国种子法》`,
  },
  // ── 区住房公积金管理分中心 ──
  {
    dept: '区住房公积金管理分中心', cat: 'public-service', days: [3, 1], kind: 'person', flow: true, base: '住房公积金提取',
    subs: ['购买自住住房', '租赁住房', '偿还住房贷款', { sub: '离休退休', days: [3, 0] }, '销户'], mats: ['提取申请表', '提取事由证明'],
    basis: '《住房公积金管理条例》《重庆市住房公积金管理中心住房公积金提取管理办法》', proxy: true,
  },
  {
    dept: '区住房公积金管理分中心', cat: 'public-service', days: [15, 5], kind: 'household', flow: true, names: ['住房公积金个人住房贷款'],
    mats: ['贷款申请表', '购房合同', '婚姻状况证明', '收入证明'], defer: true, basis: '《住房公积金管理条例》',
  },
  {
    dept: '区住房公积金管理分中心', cat: 'public-service', days: [3, 0], kind: 'firm', names: ['住房公积金单位缴存登记', '住房公积金单位缴存信息变更'],
    mats: ['缴存登记表'], basis: '《住房公积金管理条例》',
  },
  {
    dept: '区住房公积金管理分中心', cat: 'public-service', days: [1, 0], kind: 'person', flow: false, names: ['住房公积金缴存证明打印'],
    basis: '《住房公积金管理条例》', proxy: true,
  },
  // ── 区司法局、区气象局、区消防救援支队、区档案馆、区商务委 ──
  {
    dept: '区司法局', cat: 'public-service', days: [7, 5], kind: 'person', flow: true, names: ['法律援助申请'],
    mats: ['法律援助申请表', '经济困难状况说明表', '与所申请事项相关的案件材料'], defer: true, basis: '《中华人民共和国法律援助法》', proxy: true,
  },
  {
    dept: '区司法局', cat: 'licensing', days: [20, 12], kind: 'person', names: ['基层法律服务工作者执业核准'],
    mats: ['执业核准申请表', '学历证明', '拟执业机构同意接收证明'], basis: `${LICENSING_LAW}《基层法律服务工作者管理办法》`,
  },
  {
    dept: '区气象局', cat: 'licensing', days: [20, 12], kind: 'project', names: ['雷电防护装置设计审核', '雷电防护装置竣工验收'],
    mats: ['申请书', '设计说明书和图纸', '检测报告'], special: [TEST(10, '防雷装置检测')],
    basis: `${LICENSING_LAW}《中华人民共和国气象法》《气象灾害防御条例》《防雷减灾管理办法》`,
  },
  {
    dept: '区气象局', cat: 'licensing', days: [5, 3], kind: 'firm', names: ['升放无人驾驶自由气球或者系留气球活动审批'],
    mats: ['升放气球活动申请表', '升放资质证明'], basis: `${LICENSING_LAW}《通用航空飞行管制条例》《施放气球管理办法》`,
  },
  {
    dept: '区消防救援支队', cat: 'licensing', days: [10, 3], kind: 'firm', names: ['公众聚集场所投入使用、营业前消防安全检查'],
    mats: ['消防安全检查申报表', '场所平面布置图', '消防安全制度'], special: [SITE(3)], basis: `${LICENSING_LAW}《中华人民共和国消防法》《消防监督检查规定》`,
  },
  {
    dept: '区档案馆', cat: 'public-service', days: [3, 0], kind: 'person', flow: false, names: ['档案查阅利用', '档案证明出具'],
    basis: '《中华人民共和国档案法》《中华人民共和国档案法实施条例》', proxy: true,
  },
  {
    dept: '区商务委', cat: 'other-power', days: [5, 3], kind: 'firm', names: ['单用途商业预付卡发卡企业备案'],
    mats: ['备案登记表', '资金存管协议'], basis: '《单用途商业预付卡管理办法（试行）》',
  },
  // ── 并联审批: one window in, lead + co-departments in parallel, one result out ──
  {
    dept: '区市场监管局', cat: 'licensing', days: [3, 1], kind: 'none', names: ['企业开办一件事（设立登记、发票申领、社保登记）'],
    mats: ['企业开办申请表', '公司章程', '股东主体资格证明', '住所使用证明'],
    parallel: { leadDepartment: '区市场监管局', coDepartments: ['区税务局', '区人力社保局'] },
    basis: '《中华人民共和国市场主体登记管理条例》《优化营商环境条例》', location: '合川区行政服务中心一楼企业开办综合窗口', window: 'A21',
  },
  {
    dept: '区市场监管局', cat: 'licensing', days: [20, 8], kind: 'firm', names: ['企业注销一件事（清税、注销登记、社保注销）'],
    mats: ['注销登记申请书', '清算报告', '清税证明'],
    parallel: { leadDepartment: '区市场监管局', coDepartments: ['区税务局', '区人力社保局'] },
    basis: '《中华人民共和国市场主体登记管理条例》《优化营商环境条例》', location: '合川区行政服务中心一楼企业开办综合窗口', window: 'A21',
  },
  {
    dept: '区市场监管局', cat: 'licensing', days: [20, 7], kind: 'firm', names: ['餐饮店开办一件事（食品经营许可、消防检查、招牌设置）'],
    mats: ['餐饮店开办申请表', '经营场所使用证明', '场所平面布置图', '招牌设计效果图|original|1'], defer: true, special: [SITE(5)],
    parallel: { leadDepartment: '区市场监管局', coDepartments: ['区消防救援支队', '区城市管理局'] },
    basis: '《中华人民共和国食品安全法》《中华人民共和国消防法》《城市市容和环境卫生管理条例》', location: '合川区行政服务中心一楼企业开办综合窗口', window: 'A21',
  },
  {
    dept: '区规划自然资源局', cat: 'licensing', days: [45, 20], kind: 'project', names: ['工程建设项目工程建设许可阶段并联审批'],
    mats: ['工程建设许可阶段申请表', '建设工程设计方案', '环境影响评价文件'], special: [EXPERT(20)],
    parallel: { leadDepartment: '区规划自然资源局', coDepartments: ['区住房城乡建设委', '区生态环境局'] },
    basis: '《中华人民共和国城乡规划法》《中华人民共和国环境影响评价法》《国务院办公厅关于全面开展工程建设项目审批制度改革的实施意见》',
    location: '合川区行政服务中心三楼工程建设项目审批综合窗口', window: 'C30',
  },
  {
    dept: '区住房城乡建设委', cat: 'other-power', days: [20, 12], kind: 'project', names: ['工程建设项目竣工联合验收'],
    mats: ['联合验收申请表', '竣工图', '各专项验收资料'], special: [{ code: 'SITE', name: '联合踏勘', maxDays: 5 }],
    parallel: { leadDepartment: '区住房城乡建设委', coDepartments: ['区规划自然资源局', '区生态环境局', '区城市管理局'] },
    basis: '《建设工程质量管理条例》《国务院办公厅关于全面开展工程建设项目审批制度改革的实施意见》',
    location: '合川区行政服务中心三楼工程建设项目审批综合窗口', window: 'C30',
  },
  {
    dept: '区规划自然资源局', cat: 'confirmation', days: [30, 5], kind: 'household', names: ['存量房交易登记一件事（转移登记、缴税）'],
    mats: ['不动产登记申请书', '不动产权证书', '存量房买卖合同', '完税申报资料'], fee: REALTY_FEE,
    parallel: { leadDepartment: '区规划自然资源局', coDepartments: ['区税务局', '区住房城乡建设委'] },
    basis: '《中华人民共和国民法典》《不动产登记暂行条例》《中华人民共和国契税法》', location: '合川区行政服务中心三楼不动产登记窗口',
  },
];

const TOWN: Family[] = [
  // Delegated to the towns (放权赋能): the department keeps the power, the town center handles it.
  {
    dept: '区市场监管局', cat: 'licensing', days: [3, 1], kind: 'person', base: '个体工商户营业执照', subs: ['新办', '变更', '注销', '补照'],
    mats: ['个体工商户登记申请书', '经营场所使用证明'], defer: true, basis: '《促进个体工商户发展条例》《中华人民共和国市场主体登记管理条例》', proxy: true,
  },
  {
    dept: '区市场监管局', cat: 'licensing', days: [10, 7], kind: 'person', base: '小餐饮经营许可证', subs: ['新办', '变更', '延续', '注销'],
    mats: ['小餐饮经营许可申请表', '从业人员健康证明', '经营场所布局图'], defer: true, special: [SITE(3)],
    basis: `${LICENSING_LAW}《中华人民共和国食品安全法》《重庆市食品生产加工小作坊和食品摊贩管理条例》`, proxy: true,
  },
  {
    dept: '区市场监管局', cat: 'licensing', days: [15, 10], kind: 'person', base: '食品生产加工小作坊登记证', subs: ['新办', '变更', '延续', '注销'],
    mats: ['小作坊登记申请表', '生产场所使用证明', '从业人员健康证明', '生产工艺流程说明'], special: [SITE(5)],
    basis: '《中华人民共和国食品安全法》《重庆市食品生产加工小作坊和食品摊贩管理条例》', proxy: true,
  },
  {
    dept: '区市场监管局', cat: 'licensing', days: [5, 0], kind: 'person', base: '食品摊贩登记卡', subs: ['新办', '注销'],
    mats: ['食品摊贩登记申请表', '健康证明'], basis: '《重庆市食品生产加工小作坊和食品摊贩管理条例》', proxy: true,
  },
  {
    dept: TOWN_CENTER, cat: 'licensing', days: [20, 15], kind: 'household', base: '农村村民宅基地审批', subs: ['新建住房', '原址翻建', '改建扩建'],
    mats: ['农村宅基地和建房（规划许可）申请表', '农村宅基地使用承诺书', '村民小组会议记录', '住房设计图或通用图'], defer: true, special: [SITE(5)],
    basis: '《中华人民共和国土地管理法》《农村宅基地管理暂行办法》《中华人民共和国城乡规划法》', proxy: true,
    tip: '审批前后各进行一次实地踏勘，开工前实地丈量批放宅基地。',
  },
  {
    dept: '区规划自然资源局', cat: 'licensing', days: [20, 12], kind: 'household', base: '乡村建设规划许可证', subs: ['新办', '变更'],
    mats: ['乡村建设规划许可申请表', '用地权属证明', '建设工程设计方案'], special: [SITE(5)],
    basis: `${LICENSING_LAW}《中华人民共和国城乡规划法》`, proxy: true,
  },
  {
    dept: '区林业局', cat: 'licensing', days: [20, 8], kind: 'household', names: ['农村居民采伐自留山和个人承包集体林地林木许可'],
    mats: ['林木采伐申请表', '林权证明'], special: [SITE(5)], basis: `${LICENSING_LAW}《中华人民共和国森林法》`, proxy: true,
  },
  {
    dept: TOWN_CENTER, cat: 'other-power', days: [10, 5], kind: 'household', names: ['农村村民住房建设竣工验收'],
    mats: ['竣工验收申请表', '乡村建设规划许可证'], special: [SITE(3)], basis: '《中华人民共和国城乡规划法》《农村宅基地管理暂行办法》', proxy: true,
  },
  // Social assistance, accepted and checked by the town.
  {
    dept: TOWN_CENTER, cat: 'benefit', days: [30, 20], kind: 'household', names: ['最低生活保障申请', { name: '最低生活保障待遇变更', days: [30, 10] }, { name: '最低生活保障终止', days: [30, 5] }],
    mats: ['最低生活保障申请书', '家庭经济状况核对授权书', '家庭成员收入证明'], defer: true, special: [SURVEY(10), PUBLICITY(7)],
    basis: '《社会救助暂行办法》《最低生活保障审核确认办法》', proxy: true,
  },
  {
    dept: TOWN_CENTER, cat: 'benefit', days: [30, 20], kind: 'household', names: ['特困人员救助供养申请', { name: '特困人员救助供养终止', days: [30, 5] }],
    mats: ['特困人员救助供养申请书', '家庭经济状况核对授权书', '残疾人证或劳动能力证明'], defer: true, special: [SURVEY(10), PUBLICITY(7)],
    basis: '《社会救助暂行办法》《特困人员认定办法》', proxy: true,
  },
  {
    dept: TOWN_CENTER, cat: 'benefit', days: [20, 12], kind: 'household', names: ['临时救助申请', { name: '临时救助（急难型）先行救助', days: [5, 0] }],
    mats: ['临时救助申请书', '遭遇困难情况说明', '相关证明材料'], defer: true, basis: '《社会救助暂行办法》《国务院关于全面建立临时救助制度的通知》', proxy: true,
  },
  {
    dept: TOWN_CENTER, cat: 'confirmation', days: [30, 20], kind: 'household', names: ['低收入家庭认定'],
    mats: ['低收入家庭认定申请书', '家庭经济状况核对授权书'], special: [PUBLICITY(7)], basis: '《社会救助暂行办法》《最低生活保障审核确认办法》', proxy: true,
  },
  {
    dept: TOWN_CENTER, cat: 'benefit', days: [20, 12], kind: 'household',
    names: ['困难残疾人生活补贴申请', '重度残疾人护理补贴申请', '高龄津贴申领', '经济困难的高龄失能老年人养老服务补贴申请', '精神障碍患者监护人看护管理补助申请'],
    mats: ['补贴申请审批表', '残疾人证或其他资格证明', '银行账户信息'], basis: '《中华人民共和国老年人权益保障法》《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》', proxy: true,
  },
  {
    dept: TOWN_CENTER, cat: 'benefit', days: [30, 20], kind: 'household', names: ['孤儿基本生活费申请', '事实无人抚养儿童基本生活补贴申请', '困境儿童基本生活保障申请'],
    mats: ['申请审批表', '儿童及监护人身份证明', '父母死亡、失踪或服刑等证明'], special: [SURVEY(10)],
    basis: '《中华人民共和国未成年人保护法》《国务院关于加强困境儿童保障工作的意见》', proxy: true,
  },
  {
    dept: TOWN_CENTER, cat: 'benefit', days: [10, 5], kind: 'household', names: ['惠民殡葬补贴申请'],
    mats: ['殡葬补贴申请表', '火化证明', '死亡证明'], basis: '《殡葬管理条例》', proxy: true,
  },
  // Social insurance and employment at the town's 劳动保障所.
  {
    dept: '区人力社保局', cat: 'public-service', days: [5, 0], kind: 'household',
    flow: true,
    names: ['城乡居民养老保险参保登记', '城乡居民养老保险参保信息变更登记', '城乡居民养老保险待遇资格认证', { name: '城乡居民养老保险注销登记', days: [20, 8] }, { name: '城乡居民养老保险关系转移接续', days: [45, 15] }],
    mats: ['城乡居民基本养老保险参保登记表'], basis: '《中华人民共和国社会保险法》《国务院关于建立统一的城乡居民基本养老保险制度的意见》', proxy: true,
  },
  {
    dept: '区人力社保局', cat: 'benefit', days: [20, 12], kind: 'household', names: ['城乡居民养老保险待遇申领', '城乡居民养老保险丧葬补助金申领', '灵活就业人员社会保险补贴申领'],
    mats: ['待遇（补贴）申领表', '银行账户信息'], defer: true, basis: '《中华人民共和国社会保险法》《国务院关于建立统一的城乡居民基本养老保险制度的意见》', proxy: true,
  },
  {
    dept: '区人力社保局', cat: 'public-service', days: [5, 0], kind: 'person', names: ['就业登记', '失业登记', '就业创业证申领'],
    mats: ['就业失业登记表'], basis: '《中华人民共和国就业促进法》《就业服务与就业管理规定》', proxy: true,
  },
  {
    dept: '区人力社保局', cat: 'confirmation', days: [20, 12], kind: 'person', names: ['就业困难人员认定'],
    mats: ['就业困难人员认定申请表', '困难情形证明材料'], basis: '《中华人民共和国就业促进法》《就业服务与就业管理规定》', proxy: true,
  },
  {
    dept: '区人力社保局', cat: 'public-service', days: [20, 15], kind: 'person', flow: true, names: ['创业担保贷款申请'],
    mats: ['创业担保贷款申请表', '营业执照', '创业计划书'], basis: '《中华人民共和国就业促进法》《普惠金融发展专项资金管理办法》', proxy: true,
  },
  {
    dept: '区人力社保局', cat: 'other-power', days: [5, 5], kind: 'person', names: ['劳动保障监察投诉受理'],
    mats: ['投诉书', '劳动关系证明'], basis: '《劳动保障监察条例》《关于实施〈劳动保障监察条例〉若干规定》',
  },
  {
    dept: '区人力社保局', cat: 'public-service', days: [5, 0], kind: 'person', flow: false, names: ['职业技能培训报名'],
    basis: '《中华人民共和国就业促进法》《职业技能提升行动方案》', proxy: true,
  },
  {
    dept: '区医保局', cat: 'public-service', days: [5, 0], kind: 'household', flow: true, names: ['城乡居民医保参保登记', '城乡居民医保参保信息变更'],
    mats: ['城乡居民医保参保登记表'], basis: '《中华人民共和国社会保险法》《国务院关于整合城乡居民基本医疗保险制度的意见》', proxy: true,
  },
  {
    dept: '区医保局', cat: 'benefit', days: [20, 12], kind: 'household', names: ['城乡医疗救助申请'],
    mats: ['医疗救助申请表', '医疗费用票据', '救助对象身份证明'], defer: true, basis: '《社会救助暂行办法》《国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见》', proxy: true,
  },
  // Population and family, veterans.
  {
    dept: '区卫生健康委', cat: 'public-service', days: [1, 0], kind: 'household', names: ['生育登记', '独生子女父母光荣证补办'],
    mats: ['生育登记表', '结婚证'], basis: '《中华人民共和国人口与计划生育法》', proxy: true,
  },
  {
    dept: '区卫生健康委', cat: 'confirmation', days: [30, 20], kind: 'household', names: ['农村部分计划生育家庭奖励扶助资格确认', '计划生育家庭特别扶助资格确认'],
    mats: ['扶助对象申报表', '结婚证', '子女情况证明'], special: [PUBLICITY(7)], basis: '《中华人民共和国人口与计划生育法》', proxy: true,
  },
  {
    dept: '区退役军人事务局', cat: 'public-service', days: [20, 12], kind: 'person', flow: true, names: ['退役军人优待证申领'],
    mats: ['优待证申领表', '退役证件'], basis: '《中华人民共和国退役军人保障法》《退役军人优待证管理办法》', proxy: true,
  },
  {
    dept: '区退役军人事务局', cat: 'benefit', days: [20, 12], kind: 'household', names: ['义务兵家庭优待金申领'],
    mats: ['优待金申领表', '入伍通知书'], basis: '《中华人民共和国兵役法》《军人抚恤优待条例》', proxy: true,
  },
  {
    dept: '区退役军人事务局', cat: 'public-service', days: [1, 0], kind: 'person', flow: false, names: ['退役军人和其他优抚对象信息采集', '光荣牌悬挂申请'],
    basis: '《中华人民共和国退役军人保障法》', proxy: true,
  },
  {
    dept: TOWN_CENTER, cat: 'public-service', days: [5, 0], kind: 'person', names: ['老年人优待证办理'],
    mats: ['近期一寸免冠照片|original|1'], basis: '《中华人民共和国老年人权益保障法》', proxy: true,
  },
  // Agriculture: subsidies and land.
  {
    dept: '区农业农村委', cat: 'benefit', days: [20, 15], kind: 'household', names: ['农机购置补贴申请'],
    mats: ['农机购置补贴申请表', '购机发票', '机具铭牌照片|original|1'], special: [SITE(5)], basis: '《中华人民共和国农业机械化促进法》', proxy: true,
  },
  {
    dept: '区农业农村委', cat: 'benefit', days: [20, 12], kind: 'household', names: ['耕地地力保护补贴申报', '种粮大户补贴申报', '病死畜禽无害化处理补助申报'],
    mats: ['补贴申报表', '承包或流转合同', '银行账户信息'], basis: '《中华人民共和国农业法》《农业相关转移支付资金管理办法》', proxy: true,
  },
  {
    dept: '区农业农村委', cat: 'confirmation', days: [20, 12], kind: 'household', names: ['农村土地承包经营权变更登记', '农村集体经济组织成员身份确认'],
    mats: ['申请书', '承包合同或户籍证明', '村民会议决议'], special: [PUBLICITY(7)], basis: '《中华人民共和国农村土地承包法》《中华人民共和国农村集体经济组织法》', proxy: true,
  },
  {
    dept: '区农业农村委', cat: 'other-power', days: [5, 0], kind: 'household', names: ['土地经营权流转合同备案'],
    mats: ['土地经营权流转合同'], basis: '《中华人民共和国农村土地承包法》《农村土地经营权流转管理办法》', proxy: true,
  },
  {
    dept: '区农业农村委', cat: 'other-power', days: [3, 1], kind: 'household', names: ['动物产地检疫申报'],
    mats: ['检疫申报单', '免疫记录'], basis: '《中华人民共和国动物防疫法》《动物检疫管理办法》', proxy: true,
  },
  {
    dept: '区住房城乡建设委', cat: 'benefit', days: [30, 20], kind: 'household', names: ['农村低收入群体等重点对象危房改造补助申请'],
    mats: ['危房改造申请表', '房屋安全鉴定报告', '低收入身份证明'], special: [TEST(10, '房屋安全鉴定')], basis: '《中华人民共和国建筑法》《中央财政农村危房改造补助资金管理办法》', proxy: true,
  },
  {
    dept: '区规划自然资源局', cat: 'benefit', days: [30, 20], kind: 'household', names: ['地质灾害避险搬迁补助申请'],
    mats: ['搬迁补助申请表', '房屋权属证明', '搬迁安置协议'], special: [SITE(5)], basis: '《地质灾害防治条例》', proxy: true,
  },
  // Household registration at the town police station.
  {
    dept: '区公安分局', cat: 'confirmation', days: [20, 8], kind: 'household',
    names: ['户口迁入（投靠亲属）', '户口迁入（购房入户）', '户口迁入（大中专院校毕业生）', { name: '出生登记', days: [20, 0] }, { name: '死亡注销户口', days: [20, 0] }, { name: '户口迁出', days: [20, 0] }, { name: '户口登记项目变更更正', days: [20, 12] }],
    mats: ['户口迁移（登记）申请表', '亲属关系或房屋产权证明'], basis: '《中华人民共和国户口登记条例》', proxy: true, location: '镇街公共服务中心（派出所户政窗口）',
  },
  {
    dept: '区公安分局', cat: 'public-service', days: [15, 10], kind: 'person', flow: true, names: ['居住证申领', { name: '居住证签注', days: [15, 0] }],
    mats: ['居住证申领登记表', '居住证明', '近期一寸免冠照片|original|1'], basis: '《居住证暂行条例》', proxy: true, location: '镇街公共服务中心（派出所户政窗口）',
  },
  {
    dept: '区司法局', cat: 'public-service', days: [5, 0], kind: 'person', names: ['矛盾纠纷人民调解申请', '农村土地承包经营纠纷调解申请'],
    basis: '《中华人民共和国人民调解法》《中华人民共和国农村土地承包经营纠纷调解仲裁法》', proxy: true,
  },
  {
    dept: '区退役军人事务局', cat: 'benefit', days: [20, 12], kind: 'household', names: ['重点优抚对象医疗补助申请'],
    mats: ['医疗补助申请表', '优抚证件', '医疗费用票据'], defer: true, basis: '《军人抚恤优待条例》《优抚对象医疗保障办法》', proxy: true,
  },
  {
    dept: TOWN_CENTER, cat: 'benefit', days: [20, 12], kind: 'household', names: ['自然灾害生活救助申请'],
    mats: ['救助申请书', '受灾情况说明'], special: [SURVEY(5)], basis: '《自然灾害救助条例》《社会救助暂行办法》', proxy: true,
  },
  {
    dept: TOWN_CENTER, cat: 'benefit', days: [20, 15], kind: 'household', names: ['特殊困难老年人家庭适老化改造申请'],
    mats: ['改造申请表', '老年人能力评估或困难证明', '住房权属或使用证明'], special: [SITE(5)], basis: '《中华人民共和国老年人权益保障法》', proxy: true,
  },
  {
    dept: '区林业局', cat: 'licensing', days: [3, 1], kind: 'person', names: ['森林防火期内野外用火审批'],
    mats: ['野外用火申请表', '防火安全措施'], basis: `${LICENSING_LAW}《中华人民共和国森林法》《森林防火条例》`, proxy: false,
  },
  {
    dept: '区人力社保局', cat: 'public-service', days: [20, 12], kind: 'household', flow: true, names: ['被征地农转非人员基本养老保险参保登记'],
    mats: ['参保登记表', '征地批准文件及安置人员名单'], basis: '《中华人民共和国社会保险法》《中华人民共和国土地管理法》', proxy: true,
  },
  {
    dept: '区卫生健康委', cat: 'public-service', days: [1, 0], kind: 'household', names: ['家庭医生签约服务', '老年人免费健康体检预约', '预防接种证办理'],
    basis: '《中华人民共和国基本医疗卫生与健康促进法》《中华人民共和国疫苗管理法》', proxy: true,
  },
  {
    dept: '区人力社保局', cat: 'public-service', days: [1, 0], kind: 'person', names: ['求职登记与职业介绍'],
    basis: '《中华人民共和国就业促进法》《就业服务与就业管理规定》', proxy: true,
  },
];

const VILLAGE_BASIS = '《中华人民共和国村民委员会组织法》《中华人民共和国城市居民委员会组织法》';

const VILLAGE: Family[] = [
  {
    dept: VILLAGE_CENTER, cat: 'convenience', days: [1, 0], kind: 'household', flow: true,
    names: ['居住证明开具', '亲属关系证明开具', { name: '家庭经济困难情况证明开具', days: [5, 2] }, '外出务工证明开具', { name: '土地承包情况证明开具', days: [3, 1] }],
    mats: ['?相关情况说明'], basis: VILLAGE_BASIS, proxy: true,
  },
  {
    dept: VILLAGE_CENTER, cat: 'convenience', days: [0, 0], kind: 'none', flow: false,
    names: ['城乡居民养老保险费代缴', '城乡居民医疗保险费代缴', '水费代缴', '电费代缴', '燃气费代缴', '有线电视费代缴', '通信费代缴'],
    mats: ['缴费户号或缴费通知单'], basis: `${VILLAGE_BASIS}《中华人民共和国社会保险法》`, proxy: true,
    tip: '代缴后当场出具缴费凭证，可通过12345热线核实到账情况。',
  },
  {
    dept: VILLAGE_CENTER, cat: 'convenience', days: [1, 1], kind: 'person', flow: false,
    names: [
      '残疾人证办理代办', '社会保障卡申领代办', '最低生活保障申请代办', '特困人员救助供养申请代办', '临时救助申请代办', '高龄津贴申领代办',
      '城乡居民养老保险待遇申领代办', '城乡居民养老保险参保登记代办', '城乡居民医保参保登记代办', '生育登记代办', '就业失业登记代办',
      '个体工商户营业执照代办', '农村村民宅基地审批代办', '农机购置补贴申请代办', '耕地地力保护补贴申报代办', '居住证申领代办', '户口迁移代办',
      '退役军人优待证申领代办', '老年人优待证代办', '医保异地就医备案代办', '困难残疾人生活补贴申请代办', '重度残疾人护理补贴申请代办',
      '惠民殡葬补贴申请代办', '危房改造补助申请代办', '林木采伐许可代办', '法律援助申请代办', '孤儿基本生活费申请代办', '住房公积金提取代办',
    ],
    mats: ['办理事项所需全部申请材料'], basis: `${VILLAGE_BASIS}《国务院关于加快推进全国一体化在线政务服务平台建设的指导意见》`, proxy: true,
  },
  {
    dept: VILLAGE_CENTER, cat: 'convenience', days: [0, 0], kind: 'none', flow: false,
    names: [
      '政策法规咨询', '公共法律服务咨询', '农业技术咨询服务', '就业岗位信息推送', '办理结果送件上门', '农家书屋图书借阅', '快递物流代收代寄', '邮政业务代办',
      '渝快办网上办事帮办', '医院预约挂号代办', '农产品供求信息发布', '农村电商代购代销', '申请文书代写', '老年人助餐服务登记', '留守儿童关爱服务登记',
      '居家养老上门服务预约', '残疾人辅助器具借用', '志愿服务登记', '村（社区）人民调解', '红白喜事报备',
    ],
    mats: ['?居民身份证|either|1'], basis: VILLAGE_BASIS, proxy: true,
  },
];

interface Matter {
  family: Family;
  name: string;
  days: Days;
  rule: SubRule;
  flow: boolean;
}

function expand(family: Family): Matter[] {
  // Approvals get flow charts; services (公共服务, 便民服务) only where the family says so.
  const flow = family.flow ?? (family.cat !== 'public-service' && family.cat !== 'convenience');
  const names = family.names;
  if (names) {
    return names.map((n) => {
      const e: Entry = typeof n === 'string' ? { name: n } : n;
      // A 变更 or 注销 entry among siblings files like that sub-matter; the entry's days are as written.
      const rule = (names.length > 1 && SUB_RULES.slice(0, 2).find(([re]) => re.test(e.name))?.[1]) || PRINCIPAL;
      return { family, name: e.name, days: e.days ?? family.days, rule, flow };
    });
  }
  if (!family.base || !family.subs) throw new Error('a family needs names or base + subs');
  return family.subs.map((s) => {
    const sub = typeof s === 'string' ? s : s.sub;
    const rule = SUB_RULES.find(([re]) => re.test(sub))?.[1] ?? PRINCIPAL;
    const [legal, promised] = family.days;
    const days: Days = typeof s === 'string' ? [legal, rule.ratio === 0 ? 0 : Math.max(1, Math.round(promised * rule.ratio))] : s.days;
    return { family, name: `${family.base}（${sub}）`, days: promised === 0 ? [days[0], 0] : days, rule, flow };
  });
}

// Forms and statements are handed in as originals; identity papers are shown (either); the rest are copies.
const FORM_FORM = /(?<!证)书$|表$|单$/;
const FORM_ORIGINAL = /申请|声明|报告|说明|方案|制度|清单|照片|图|意见|协议|合同|章程|决议|名册|记录/;
const FORM_EITHER = /身份证|户口簿|结婚证|残疾人证|驾驶证/;

function material(spec: string, code: string): Material {
  const required = !spec.startsWith('?');
  const [name, form, copies] = spec.replace(/^\?/, '').split('|');
  const guessed: Material['form'] = FORM_FORM.test(name) ? 'original' : FORM_EITHER.test(name) ? 'either' : FORM_ORIGINAL.test(name) ? 'original' : 'copy';
  return { code, name, required, deferrable: false, form: (form as Material['form'] | undefined) ?? guessed, copies: copies ? Number(copies) : 1 };
}

const KIND_MATERIALS: Record<Kind, string[]> = {
  person: ['申请表', '居民身份证'],
  household: ['居民身份证', '户口簿'],
  firm: ['申请书', '营业执照'],
  project: ['建设单位营业执照或法人证书', '项目审批（核准、备案）文件'],
  none: [],
};

const APPLICATION_FORM = /申请|申领|申报|登记表|审批表|备案表|备案书|采集表|信息表/;

function materialsOf(m: Matter, instant: boolean): Material[] {
  const { family, rule } = m;
  const mats = family.mats ?? [];
  // A sub-matter (变更, 注销 ...) still files the family's own application form, not its other documents.
  const own = rule.keepFamily ? mats : mats.slice(0, 1).filter((s) => APPLICATION_FORM.test(s));
  // The kind's generic 申请表 is not asked twice when the family has its own form.
  const common = KIND_MATERIALS[family.kind ?? 'person'].filter((s) => !(APPLICATION_FORM.test(s) && own.some((o) => APPLICATION_FORM.test(o))));
  const specs = [...common, ...own, ...(rule.extra ? [rule.extra] : [])].slice(0, 5);
  const list = specs.map((s, i) => material(s, `M${i + 1}`));
  const deferIndex = family.defer && !instant && rule.keepFamily && own.length > 1 ? specs.lastIndexOf(own[own.length - 1]) : -1;
  if (deferIndex >= 0) {
    list[deferIndex].deferrable = true;
    list[deferIndex].notes = '可容缺受理，受理后5个工作日内补齐';
  }
  if (family.proxy) {
    list.push({ code: `M${list.length + 1}`, name: '委托书', required: false, deferrable: false, form: 'original', copies: 1, notes: '委托代办员或他人代为办理时提供' });
  } else if (family.kind === 'firm' || family.kind === 'project') {
    list.push({ code: `M${list.length + 1}`, name: '授权委托书及经办人身份证', required: false, deferrable: false, form: 'original', copies: 1, notes: '委托经办人办理时提供' });
  }
  return list;
}

const STEP_WORDS: Record<Category, [review: string, decide: string]> = {
  licensing: ['审查', '决定'],
  benefit: ['审核', '审批'],
  confirmation: ['审核', '确认'],
  'other-power': ['审核', '决定'],
  'public-service': ['审核', '办理'],
  convenience: ['核实', '办理'],
};

/** The article's flow charts: 受理 → (审查) → 批准 → 办结, taking at most the promised days. */
function stepsOf(cat: Category, promised: number, parallel: boolean): Step[] {
  if (promised === 0) return [{ code: 'S1', name: '受理办结', role: 'clerk', limitDays: 0 }];
  const [review, decide] = parallel ? ['并联审查', '联合决定'] : STEP_WORDS[cat];
  if (promised <= 3) {
    return [
      { code: 'S1', name: '受理', role: 'clerk', limitDays: 0 },
      { code: 'S2', name: decide, role: 'approver', limitDays: promised },
      { code: 'S3', name: '办结', role: 'clerk', limitDays: 0 },
    ];
  }
  return [
    { code: 'S1', name: '受理', role: 'clerk', limitDays: 1 },
    { code: 'S2', name: review, role: 'approver', limitDays: promised - 3 },
    { code: 'S3', name: decide, role: 'approver', limitDays: 1 },
    { code: 'S4', name: '办结', role: 'clerk', limitDays: 1 },
  ];
}

function whereOf(family: Family, tier: Tier): { location: string; window?: string } {
  if (tier === 'village') return { location: VILLAGE_CENTER };
  if (tier === 'town') return { location: family.location ?? TOWN_CENTER, window: '综合受理窗口' };
  const hall = HALL[family.dept];
  if (!hall) throw new Error(`no hall for ${family.dept}`);
  return { location: family.location ?? `合川区行政服务中心${hall.floor}${hall.label}窗口`, window: family.window ?? hall.window };
}

const COMPLAINT: Record<Tier, string> = {
  district: '12345政务服务便民热线；合川区行政服务中心一楼投诉受理台',
  town: '12345政务服务便民热线；镇街公共服务中心值班长',
  village: '12345政务服务便民热线；所在镇街公共服务中心',
};

function guideOf(item: ServiceItemInput, family: Family): string {
  const place = item.window ? `${item.location}（${item.window}）` : item.location;
  const first =
    item.tier === 'village'
      ? `群众携带所列材料到${place}，由代办员帮办、代办，小事不出村(社区)。`
      : `申请人携带所列材料到${place}提交申请，材料齐全、符合法定形式的当场受理，材料不全的一次性告知需补正的全部内容。`;
  const special = item.specialProcedures.map((s) => s.name).join('、');
  const second =
    item.promisedDays === 0
      ? '本事项为即办件，符合条件的当场办结。'
      : item.tier === 'village' && item.steps.length === 0
        ? `代办员在${item.promisedDays}个工作日内将材料一次送件至镇街公共服务中心，办理结果由代办员送达。`
        : `承诺${item.promisedDays}个工作日内办结（法定时限${item.legalDays}个工作日）${special ? `，${special}所需时间不计入办理时限` : ''}。`;
  const third = item.parallel
    ? `本事项实行并联审批，由${item.parallel.leadDepartment}牵头，${item.parallel.coDepartments.join('、')}同步办理，一窗受理、一次办结。`
    : (family.tip ??
      (item.materials.some((m) => m.deferrable)
        ? '主要材料齐全、次要材料暂缺的可申请容缺受理，并在约定时限内补齐。'
        : item.proxyEligible && item.tier !== 'village'
          ? '不便亲自办理的，可到所在村(社区)便民服务中心委托代办员代办。'
          : ''));
  return [first, second, third].filter(Boolean).join('');
}

const TIER_LETTER: Record<Tier, string> = { district: 'D', town: 'T', village: 'V' };

function build(tier: Tier, families: Family[]): ServiceItemInput[] {
  return families.flatMap(expand).map((m, i) => {
    const { family } = m;
    const [legalDays, promisedDays] = m.days;
    const instant = promisedDays === 0;
    const special = m.rule.keepSpecial && !instant ? (family.special ?? []) : [];
    const where = whereOf(family, tier);
    const item: ServiceItemInput = {
      code: `HC-${TIER_LETTER[tier]}-${String(i + 1).padStart(4, '0')}`,
      name: m.name,
      category: family.cat,
      department: family.dept,
      tier,
      legalBasis: family.basis,
      legalDays,
      promisedDays,
      // Villages file everything for residents; complex licensing needs the applicant or their staff.
      proxyEligible: tier === 'village' || (family.proxy ?? tier === 'town'),
      materials: materialsOf(m, instant),
      // Closing, changing or correcting a registration is free (as the realty fee rules say); the rest pay.
      fees: family.fee && !/注销|变更|更正|预告/.test(m.name) ? { free: false, basis: family.fee.basis, standard: family.fee.standard } : { free: true },
      steps: m.flow ? stepsOf(family.cat, promisedDays, !!family.parallel) : [],
      specialProcedures: special.map((s) => ({ ...s })),
      ...(family.parallel && !instant ? { parallel: { ...family.parallel, coDepartments: [...family.parallel.coDepartments] } } : {}),
      guide: '',
      location: where.location,
      ...(where.window ? { window: where.window } : {}),
      complaintChannel: COMPLAINT[tier],
    };
    item.guide = guideOf(item, family);
    return item;
  });
}

/**
 * The demo implementation list (实施清单) of Hechuan District: 481 items over the three tiers,
 * built from curated matter types and their sub-matters. Pure and deterministic: every call
 * returns equal, freshly allocated items.
 */
export function buildDemoCatalogue(): ServiceItemInput[] {
  return [...build('district', DISTRICT), ...build('town', TOWN), ...build('village', VILLAGE)];
}
