/**
 * The demo knowledge contest's question bank, generated from templates so it is sensible,
 * deterministic and a few hundred questions long: facts of the 安全生产法 and the 工会法 (each a
 * single-choice question and a true and a false judgement), worked cases with numbers (工会经费,
 * 会费, 高处作业, 建会人数), and multiple-choice questions by workplace.
 */
import { QUIZ_OPTION_LETTERS, type QuizOptionLetter, type QuizQuestionInput } from '@union/shared';

const SAFETY = '安全生产';
const UNION_LAW = '工会法';

interface Fact {
  category: string;
  stem: string;
  right: string;
  wrong: [string, string, string];
  /** The fact as a statement, and the same statement made false. */
  truth: string;
  falsehood: string;
  explanation: string;
}

const FACTS: Fact[] = [
  {
    category: SAFETY,
    stem: '安全生产工作应当坚持的方针是？',
    right: '安全第一、预防为主、综合治理',
    wrong: ['效益优先、兼顾安全', '先生产、后安全', '谁主管、谁负责'],
    truth: '安全生产工作坚持“安全第一、预防为主、综合治理”的方针。',
    falsehood: '安全生产工作坚持“效益优先、兼顾安全”的方针。',
    explanation: '《安全生产法》第三条。',
  },
  {
    category: SAFETY,
    stem: '生产经营单位安全生产的第一责任人是？',
    right: '主要负责人',
    wrong: ['安全管理人员', '班组长', '工会主席'],
    truth: '生产经营单位的主要负责人是本单位安全生产第一责任人。',
    falsehood: '生产经营单位的安全管理人员是本单位安全生产第一责任人。',
    explanation: '《安全生产法》第五条。',
  },
  {
    category: SAFETY,
    stem: '从业人员对违章指挥、强令冒险作业，有权怎样做？',
    right: '拒绝',
    wrong: ['服从后再投诉', '先作业后报告', '只能口头提醒'],
    truth: '从业人员有权拒绝违章指挥和强令冒险作业。',
    falsehood: '从业人员接到违章指挥时必须先执行，事后才能投诉。',
    explanation: '《安全生产法》第五十四条。',
  },
  {
    category: SAFETY,
    stem: '我国的“安全生产月”是每年的几月？',
    right: '6月',
    wrong: ['3月', '9月', '12月'],
    truth: '每年6月是全国“安全生产月”。',
    falsehood: '每年9月是全国“安全生产月”。',
    explanation: '全国“安全生产月”活动在每年6月开展。',
  },
  {
    category: SAFETY,
    stem: '特种作业人员上岗作业前必须怎样？',
    right: '经专门培训并取得相应资格',
    wrong: ['由师傅口头同意', '签订安全承诺书即可', '工作满一年'],
    truth: '特种作业人员必须经专门的安全作业培训，取得相应资格，方可上岗作业。',
    falsehood: '特种作业人员只要签订安全承诺书即可上岗作业。',
    explanation: '《安全生产法》第三十条。',
  },
  {
    category: SAFETY,
    stem: '新职工的三级安全教育是指？',
    right: '厂级、车间级、班组级',
    wrong: ['市级、区级、街道级', '岗前、岗中、岗后', '理论、实操、考试'],
    truth: '三级安全教育指厂级、车间级和班组级安全教育。',
    falsehood: '三级安全教育指市级、区级和街道级安全教育。',
    explanation: '新职工上岗前须接受三级安全教育。',
  },
  {
    category: SAFETY,
    stem: '进入有限空间作业，正确的顺序是？',
    right: '先通风、再检测、后作业',
    wrong: ['先作业、再通风、后检测', '先检测、后作业、不必通风', '先作业、发现异常再通风'],
    truth: '有限空间作业必须“先通风、再检测、后作业”。',
    falsehood: '有限空间作业可以先进入作业，发现异常再通风。',
    explanation: '有限空间作业安全要求。',
  },
  {
    category: SAFETY,
    stem: '使用手提式干粉灭火器的正确步骤是？',
    right: '提、拔、握、压',
    wrong: ['拔、压、提、握', '握、提、压、拔', '压、握、拔、提'],
    truth: '使用手提式灭火器的要领是“提、拔、握、压”。',
    falsehood: '使用手提式灭火器应先按压手柄，再拔出保险销。',
    explanation: '先提起灭火器，拔掉保险销，握住喷管对准火焰根部，再压下手柄。',
  },
  {
    category: SAFETY,
    stem: '电气设备着火时，首先应当？',
    right: '切断电源',
    wrong: ['用水扑救', '打开门窗通风', '继续观察'],
    truth: '电气设备着火，首先应切断电源。',
    falsehood: '电气设备着火，应立即用水扑救。',
    explanation: '带电用水扑救有触电危险。',
  },
  {
    category: SAFETY,
    stem: '高处作业是指在坠落高度基准面多少米以上（含）有可能坠落的高处进行的作业？',
    right: '2米',
    wrong: ['1米', '3米', '5米'],
    truth: '在坠落高度基准面2米以上（含2米）有可能坠落的高处进行的作业是高处作业。',
    falsehood: '只有在坠落高度基准面5米以上的作业才算高处作业。',
    explanation: '《高处作业分级》GB/T 3608。',
  },
  {
    category: SAFETY,
    stem: '安全色中，红色表示？',
    right: '禁止、停止',
    wrong: ['警告、注意', '指令、必须遵守', '提示、安全状态'],
    truth: '安全色中红色表示禁止、停止，也表示消防设备。',
    falsehood: '安全色中红色表示提示、安全状态。',
    explanation: '《安全色》GB 2893。',
  },
  {
    category: SAFETY,
    stem: '安全色中，黄色表示？',
    right: '警告、注意',
    wrong: ['禁止、停止', '指令、必须遵守', '提示、安全状态'],
    truth: '安全色中黄色表示警告、注意。',
    falsehood: '安全色中黄色表示禁止、停止。',
    explanation: '《安全色》GB 2893。',
  },
  {
    category: SAFETY,
    stem: '安全色中，蓝色表示？',
    right: '指令、必须遵守',
    wrong: ['禁止、停止', '警告、注意', '提示、安全状态'],
    truth: '安全色中蓝色表示指令、必须遵守的规定。',
    falsehood: '安全色中蓝色表示警告、注意。',
    explanation: '《安全色》GB 2893。',
  },
  {
    category: SAFETY,
    stem: '安全色中，绿色表示？',
    right: '提示、安全状态、通行',
    wrong: ['禁止、停止', '警告、注意', '指令、必须遵守'],
    truth: '安全色中绿色表示提示、安全状态和通行。',
    falsehood: '安全色中绿色表示禁止通行。',
    explanation: '《安全色》GB 2893。',
  },
  {
    category: SAFETY,
    stem: '生产安全事故处理的“四不放过”不包括？',
    right: '事故单位未停产不放过',
    wrong: ['事故原因未查清不放过', '责任人员未处理不放过', '整改措施未落实不放过'],
    truth: '“四不放过”包括有关人员未受到教育不放过。',
    falsehood: '“四不放过”包括事故单位未停产不放过。',
    explanation: '四不放过：原因未查清、责任人员未处理、整改措施未落实、有关人员未受到教育。',
  },
  {
    category: SAFETY,
    stem: '安全设施“三同时”是指与主体工程？',
    right: '同时设计、同时施工、同时投入生产和使用',
    wrong: ['同时立项、同时审批、同时验收', '同时采购、同时安装、同时维修', '同时培训、同时考核、同时上岗'],
    truth: '安全设施必须与主体工程同时设计、同时施工、同时投入生产和使用。',
    falsehood: '安全设施可以在主体工程投入使用后再补建。',
    explanation: '《安全生产法》第三十一条。',
  },
  {
    category: SAFETY,
    stem: '劳动防护用品应当由谁提供？',
    right: '生产经营单位免费提供',
    wrong: ['职工自费购买', '工会代为购买', '职工与单位各付一半'],
    truth: '生产经营单位必须为从业人员提供符合标准的劳动防护用品。',
    falsehood: '劳动防护用品应由职工自费购买。',
    explanation: '《安全生产法》第四十五条。',
  },
  {
    category: SAFETY,
    stem: '发现有人触电，首先应当？',
    right: '使触电者迅速脱离电源',
    wrong: ['直接用手拉开触电者', '立即进行人工呼吸', '先拨打电话再说'],
    truth: '发现有人触电，首先要使触电者迅速脱离电源。',
    falsehood: '发现有人触电，应立即用手把触电者拉开。',
    explanation: '用手直接拉触电者会导致施救者触电。',
  },
  {
    category: SAFETY,
    stem: '发现室内燃气泄漏，错误的做法是？',
    right: '立即开灯查看',
    wrong: ['关闭燃气阀门', '打开门窗通风', '到室外拨打报修电话'],
    truth: '发现燃气泄漏，应关闭阀门、开窗通风，不要开关电器。',
    falsehood: '发现燃气泄漏，应立即开灯查找泄漏点。',
    explanation: '开关电器可能产生火花引起爆炸。',
  },
  {
    category: SAFETY,
    stem: '灭火的基本方法不包括？',
    right: '加热法',
    wrong: ['冷却法', '窒息法', '隔离法'],
    truth: '冷却、窒息、隔离和化学抑制是灭火的基本方法。',
    falsehood: '加热法是灭火的基本方法之一。',
    explanation: '灭火基本方法：冷却、窒息、隔离、化学抑制。',
  },
  {
    category: UNION_LAW,
    stem: '企业、事业单位、社会组织中会员多少人以上的，应当建立基层工会委员会？',
    right: '二十五人',
    wrong: ['十人', '五十人', '一百人'],
    truth: '会员二十五人以上的，应当建立基层工会委员会。',
    falsehood: '会员一百人以上的，才应当建立基层工会委员会。',
    explanation: '《工会法》第十一条。',
  },
  {
    category: UNION_LAW,
    stem: '建立工会组织的单位，应按每月全部职工工资总额的多少向工会拨缴经费？',
    right: '百分之二',
    wrong: ['百分之一', '百分之五', '千分之五'],
    truth: '建立工会组织的单位按每月全部职工工资总额的百分之二向工会拨缴经费。',
    falsehood: '建立工会组织的单位按每月全部职工工资总额的百分之五向工会拨缴经费。',
    explanation: '《工会法》第四十三条。',
  },
  {
    category: UNION_LAW,
    stem: '基层工会非专职委员占用工作时间从事工会工作，每月不超过几个工作日，工资照发？',
    right: '三个',
    wrong: ['一个', '五个', '十个'],
    truth: '非专职委员占用工作时间从事工会工作，每月不超过三个工作日，其工资照发。',
    falsehood: '非专职委员占用工作时间从事工会工作，每月不超过十个工作日，工资照发。',
    explanation: '《工会法》第四十一条。',
  },
  {
    category: UNION_LAW,
    stem: '工会的基本职责是？',
    right: '维护职工合法权益、竭诚服务职工群众',
    wrong: ['组织企业生产经营', '代替企业管理职工', '审批企业投资项目'],
    truth: '维护职工合法权益、竭诚服务职工群众是工会的基本职责。',
    falsehood: '组织企业生产经营是工会的基本职责。',
    explanation: '《工会法》第六条。',
  },
  {
    category: UNION_LAW,
    stem: '工会主席、副主席任期未满时，单位能否随意调动其工作？',
    right: '不得随意调动',
    wrong: ['可以随时调动', '经人事部门同意即可调动', '只要本人不反对即可调动'],
    truth: '工会主席、副主席任期未满时，不得随意调动其工作。',
    falsehood: '工会主席、副主席任期未满时，单位可以随时调动其工作。',
    explanation: '《工会法》第十九条：因工作需要调动的，应当征得本级工会委员会和上一级工会的同意。',
  },
  {
    category: UNION_LAW,
    stem: '企业实行民主管理的基本形式是？',
    right: '职工代表大会',
    wrong: ['董事会', '股东会', '总经理办公会'],
    truth: '职工代表大会是企业实行民主管理的基本形式。',
    falsehood: '总经理办公会是企业实行民主管理的基本形式。',
    explanation: '《工会法》第六条等。',
  },
  {
    category: UNION_LAW,
    stem: '集体合同草案应当提交什么讨论通过？',
    right: '职工代表大会或者全体职工',
    wrong: ['企业董事会', '上级工会', '人力资源部门'],
    truth: '集体合同草案应当提交职工代表大会或者全体职工讨论通过。',
    falsehood: '集体合同草案只需企业董事会讨论通过。',
    explanation: '《劳动合同法》第五十一条。',
  },
  {
    category: UNION_LAW,
    stem: '我国工会的全国领导机关是？',
    right: '中华全国总工会',
    wrong: ['人力资源和社会保障部', '全国人民代表大会', '国务院国资委'],
    truth: '中华全国总工会是全国工会的领导机关。',
    falsehood: '人力资源和社会保障部是全国工会的领导机关。',
    explanation: '《工会法》第十条。',
  },
  {
    category: UNION_LAW,
    stem: '《中华人民共和国工会法》最近一次修正是在哪一年？',
    right: '2021年',
    wrong: ['2001年', '2009年', '2015年'],
    truth: '《工会法》于2021年12月进行了第三次修正。',
    falsehood: '《工会法》自1992年颁布以来从未修正。',
    explanation: '1992年通过，2001年、2009年、2021年三次修正。',
  },
  {
    category: UNION_LAW,
    stem: '依法参加和组织工会的权利属于谁？',
    right: '以工资收入为主要生活来源的劳动者',
    wrong: ['只有国有企业职工', '只有签订劳动合同满一年的职工', '只有城镇户籍职工'],
    truth: '以工资收入为主要生活来源的劳动者，都有依法参加和组织工会的权利。',
    falsehood: '只有城镇户籍职工才有依法参加和组织工会的权利。',
    explanation: '《工会法》第三条。',
  },
  {
    category: UNION_LAW,
    stem: '会员人数不足二十五人的单位，可以怎样建立工会？',
    right: '单独建立、与其他单位联合建立或选组织员一人',
    wrong: ['不得建立工会', '只能由上级工会代管', '必须等到满二十五人'],
    truth: '不足二十五人的，可以单独建立基层工会委员会，也可以联合建立，或选举组织员一人。',
    falsehood: '会员不足二十五人的单位不得建立工会。',
    explanation: '《工会法》第十一条。',
  },
  {
    category: UNION_LAW,
    stem: '用人单位单方解除劳动合同，应当事先将理由通知谁？',
    right: '工会',
    wrong: ['公安机关', '街道办事处', '行业协会'],
    truth: '用人单位单方解除劳动合同，应当事先将理由通知工会。',
    falsehood: '用人单位单方解除劳动合同，无须告知工会。',
    explanation: '《劳动合同法》第四十三条。',
  },
  {
    category: UNION_LAW,
    stem: '具备法人条件的工会，依法取得什么资格？',
    right: '社会团体法人',
    wrong: ['企业法人', '机关法人', '事业单位法人'],
    truth: '具备民法典规定的法人条件的工会，依法取得社会团体法人资格。',
    falsehood: '具备法人条件的工会，依法取得企业法人资格。',
    explanation: '《工会法》第十五条。',
  },
];

function letters(count: number): QuizOptionLetter[] {
  return QUIZ_OPTION_LETTERS.slice(0, count);
}

/** Rotates the right option to position `at`, so the key is not always A. */
function placed(right: string, wrong: string[], at: number): { options: string[]; answer: QuizOptionLetter[] } {
  const options = [...wrong];
  options.splice(at % (wrong.length + 1), 0, right);
  return { options, answer: [letters(options.length)[at % options.length]!] };
}

function factQuestions(): QuizQuestionInput[] {
  return FACTS.flatMap((fact, index) => [
    {
      type: 'single',
      stem: fact.stem,
      ...placed(fact.right, fact.wrong, index),
      explanation: fact.explanation,
      category: fact.category,
    },
    { type: 'true_false', stem: fact.truth, answer: ['A'], explanation: fact.explanation, category: fact.category },
    {
      type: 'true_false',
      stem: fact.falsehood,
      answer: ['B'],
      explanation: `错误。${fact.truth}${fact.explanation}`,
      category: fact.category,
    },
  ]);
}

const money = (yuan: number) => (Number.isInteger(yuan) ? String(yuan) : yuan.toFixed(2).replace(/0$/, ''));

/** Worked cases: the same rule applied to different numbers, each a question of its own. */
function caseQuestions(): QuizQuestionInput[] {
  const questions: QuizQuestionInput[] = [];
  for (let i = 0; i < 40; i++) {
    const total = 20 + i * 15; // 万元
    const due = (total * 2) / 100;
    const wrong = [due / 2, due * 2.5, due / 4].map((value) => `${money(value)}万元`);
    questions.push({
      type: 'single',
      stem: `某企业已建立工会，本月全部职工工资总额为${total}万元，按《工会法》应向工会拨缴经费多少？`,
      ...placed(`${money(due)}万元`, wrong, i),
      explanation: `按工资总额的百分之二拨缴：${total}×2%=${money(due)}万元。`,
      category: UNION_LAW,
    });
  }
  for (let i = 0; i < 40; i++) {
    const wage = 3000 + i * 200;
    const dues = wage * 0.005;
    const wrong = [wage * 0.01, wage * 0.02, wage * 0.001].map((value) => `${money(value)}元`);
    questions.push({
      type: 'single',
      stem: `会员小王每月工资收入${wage}元，按《中国工会章程》每月应交纳会费多少？`,
      ...placed(`${money(dues)}元`, wrong, i + 1),
      explanation: `会费为本人工资收入的千分之五：${wage}×0.5%=${money(dues)}元。`,
      category: UNION_LAW,
    });
  }
  for (let i = 0; i < 36; i++) {
    const metres = (5 + i * 1.5) / 10 + 0.2 * (i % 3); // 0.5 m to about 6 m
    const height = Math.round(metres * 10) / 10;
    questions.push({
      type: 'true_false',
      stem: `在距坠落高度基准面${height}米处进行的、有可能坠落的作业属于高处作业。`,
      answer: [height >= 2 ? 'A' : 'B'],
      explanation: `坠落高度基准面2米以上（含2米）才属于高处作业，${height}米${height >= 2 ? '属于' : '不属于'}。`,
      category: SAFETY,
    });
  }
  for (let i = 0; i < 40; i++) {
    const members = 8 + i * 2;
    const enough = members >= 25;
    questions.push({
      type: 'single',
      stem: `某公司有工会会员${members}人，按《工会法》可以怎样建立工会组织？`,
      ...placed(
        enough ? '应当建立基层工会委员会' : '可以单独或联合建立基层工会委员会，也可以选举组织员一人',
        enough
          ? ['只能选举组织员一人', '人数不够，不能建立工会', '只能与其他单位联合建立']
          : ['必须单独建立基层工会委员会', '人数不够，不能建立工会', '只能由上级工会代管'],
        i + 2,
      ),
      explanation: enough
        ? '会员二十五人以上的，应当建立基层工会委员会。'
        : '不足二十五人的，可以单独或联合建立，也可以选举组织员一人。',
      category: UNION_LAW,
    });
  }
  return questions;
}

const HOTLINES = [
  { number: '119', what: '火警' },
  { number: '120', what: '医疗急救' },
  { number: '110', what: '报警' },
  { number: '122', what: '交通事故报警' },
] as const;
const EMERGENCIES: { situation: string; number: (typeof HOTLINES)[number]['number'] }[] = [
  { situation: '车间配电柜冒烟起火', number: '119' },
  { situation: '仓库纸箱堆垛起火', number: '119' },
  { situation: '厨房油锅起火且无法扑灭', number: '119' },
  { situation: '有人被困在着火的楼层', number: '119' },
  { situation: '工友从脚手架坠落受伤昏迷', number: '120' },
  { situation: '同事在高温车间中暑晕倒', number: '120' },
  { situation: '工友被机器夹伤手臂大量出血', number: '120' },
  { situation: '有人触电后失去意识', number: '120' },
  { situation: '发现有人在厂区盗窃电缆', number: '110' },
  { situation: '下班途中遇到抢劫', number: '110' },
  { situation: '发现有人持刀滋事', number: '110' },
  { situation: '送货途中电动车与汽车相撞', number: '122' },
  { situation: '厂区门口发生车辆追尾', number: '122' },
  { situation: '骑手在路口被车辆剐蹭', number: '122' },
];

const WORKPLACES: { place: string; right: string[]; wrong: string[] }[] = [
  { place: '在建筑工地高处作业', right: ['安全帽', '安全带', '防滑鞋'], wrong: ['拖鞋', '领带'] },
  { place: '进行电焊作业', right: ['焊接面罩', '焊接手套', '阻燃工作服'], wrong: ['化纤外套', '拖鞋'] },
  { place: '在粉尘较大的车间作业', right: ['防尘口罩', '护目镜'], wrong: ['墨镜', '棉布围巾'] },
  { place: '进行带电检修作业', right: ['绝缘手套', '绝缘鞋', '安全帽'], wrong: ['棉纱手套', '金属手链'] },
  { place: '在噪声超标的车间作业', right: ['耳塞', '耳罩'], wrong: ['手机耳机', '围巾'] },
  { place: '搬运化学品溶液', right: ['防护手套', '护目镜', '防护服'], wrong: ['短袖衬衫', '凉鞋'] },
  { place: '在冷库内作业', right: ['防寒服', '防寒手套'], wrong: ['短裤', '拖鞋'] },
  { place: '骑电动车送外卖', right: ['安全头盔', '反光背心'], wrong: ['耳机', '拖鞋'] },
];

function choiceQuestions(): QuizQuestionInput[] {
  const single = EMERGENCIES.map((emergency, index) => {
    const right = HOTLINES.find((line) => line.number === emergency.number)!;
    const wrong = HOTLINES.filter((line) => line !== right).map((line) => line.number);
    return {
      type: 'single' as const,
      stem: `${emergency.situation}，应当拨打哪个电话？`,
      ...placed(right.number, wrong, index),
      explanation: `${right.number}是${right.what}电话。`,
      category: SAFETY,
    };
  });
  const multiple = WORKPLACES.flatMap((workplace, index): QuizQuestionInput[] => {
    const options = [...workplace.right, ...workplace.wrong];
    // Interleave so the right ones are not always first.
    const order = options.map((_, i) => (i * 3 + index) % options.length);
    const shuffled = order.map((i) => options[i]!);
    const answer = shuffled.flatMap((option, i) =>
      workplace.right.includes(option) ? [letters(shuffled.length)[i]!] : [],
    );
    return [
      {
        type: 'multiple' as const,
        stem: `${workplace.place}时，应当正确佩戴或使用的劳动防护用品有哪些？`,
        options: shuffled,
        answer,
        explanation: `${workplace.place}应使用：${workplace.right.join('、')}。`,
        category: SAFETY,
      },
      {
        type: 'true_false' as const,
        stem: `${workplace.place}时，可以不使用${workplace.right[0]}。`,
        answer: ['B'],
        explanation: `错误。${workplace.place}必须使用${workplace.right[0]}。`,
        category: SAFETY,
      },
    ];
  });
  const rights: QuizQuestionInput[] = [
    {
      type: 'multiple',
      stem: '根据《安全生产法》，从业人员享有的权利有哪些？',
      options: ['知情权和建议权', '拒绝违章指挥和强令冒险作业', '紧急情况下停止作业或撤离', '拒绝接受安全培训'],
      answer: ['A', 'B', 'C'],
      explanation: '接受安全生产教育和培训是从业人员的义务。',
      category: SAFETY,
    },
    {
      type: 'multiple',
      stem: '生产安全事故处理的“四不放过”包括哪些？',
      options: ['事故原因未查清不放过', '责任人员未处理不放过', '整改措施未落实不放过', '有关人员未受到教育不放过'],
      answer: ['A', 'B', 'C', 'D'],
      explanation: '四项都是“四不放过”的内容。',
      category: SAFETY,
    },
    {
      type: 'multiple',
      stem: '灭火的基本方法有哪些？',
      options: ['冷却法', '窒息法', '隔离法', '加热法'],
      answer: ['A', 'B', 'C'],
      explanation: '灭火基本方法：冷却、窒息、隔离、化学抑制。',
      category: SAFETY,
    },
    {
      type: 'multiple',
      stem: '发现燃气泄漏时，正确的做法有哪些？',
      options: ['关闭燃气阀门', '打开门窗通风', '开灯查找泄漏点', '到室外拨打报修电话'],
      answer: ['A', 'B', 'D'],
      explanation: '不要开关电器，以免产生火花。',
      category: SAFETY,
    },
    {
      type: 'multiple',
      stem: '根据《工会法》，工会的经费来源包括哪些？',
      options: ['会员交纳的会费', '单位按工资总额百分之二拨缴的经费', '人民政府的补助', '向职工摊派的费用'],
      answer: ['A', 'B', 'C'],
      explanation: '工会经费来源见《工会法》第四十三条，不得向职工摊派。',
      category: UNION_LAW,
    },
    {
      type: 'multiple',
      stem: '下列哪些人有依法参加和组织工会的权利？',
      options: ['企业职工', '事业单位职工', '新就业形态劳动者', '企业的外部投资人'],
      answer: ['A', 'B', 'C'],
      explanation: '以工资收入为主要生活来源的劳动者都有参加和组织工会的权利。',
      category: UNION_LAW,
    },
    {
      type: 'multiple',
      stem: '工会可以代表职工与企业交涉的情形有哪些？',
      options: ['克扣职工工资', '不提供劳动安全卫生条件', '随意延长劳动时间', '企业调整经营方向'],
      answer: ['A', 'B', 'C'],
      explanation: '《工会法》第二十二条列举的侵犯职工劳动权益的情形。',
      category: UNION_LAW,
    },
  ];
  return [...single, ...multiple, ...rights];
}

/** About three hundred questions, the same every time. */
export function demoQuizQuestions(): QuizQuestionInput[] {
  return [...factQuestions(), ...caseQuestions(), ...choiceQuestions()];
}
