/**
 * The demo events (issue 13: events live in the database; these were content/events/*.md).
 * Times are absolute instants with their +08:00 offset; slugs stay as they were.
 */
import type { DemoEvent } from './demo-types';

export const demoEvents: DemoEvent[] = [
  {
    slug: 'agent-innovation-2026-kickoff',
    community: 'hanjiangwan-agent-opc',
    title: {
      zh: '2026 OPC 智能体创新大赛启动会（示例）',
      en: '2026 OPC Agent Innovation Contest kick-off (sample)',
    },
    summary: {
      zh: '发布大赛赛道与评分标准，现场组队，解读报名与提交规则。',
      en: "Launch of the contest's tracks and rubric, on-site team building and a walkthrough of the registration and submission rules.",
    },
    description: {
      zh: '2026 OPC 智能体创新大赛（示例）正式启动。启动会将介绍四个赛道（政务服务、产业、民生、Token 经济）和评分标准，并设置现场组队环节，帮助个人开发者找到队友。\n\n报名通过本站进行：队长创建队伍后获得邀请码，队员凭邀请码加入。\n\n本活动为示例数据。',
      en: 'The 2026 OPC Agent Innovation Contest (sample) officially starts. The kick-off presents the four tracks (government services, industry, everyday life, Token economy) and the rubric, with a team-building session to help individual developers find teammates.\n\nRegistration is on this portal: the leader creates a team and receives an invite code, which members use to join.\n\nThis event is sample data.',
    },
    venue: {
      zh: '硚口区 汉江湾人工智能产业园 A 栋 5 层路演区',
      en: 'Pitch area, 5F, Building A, Hanjiangwan Artificial Intelligence Industrial Park, Qiaokou District',
    },
    startsAt: '2026-09-05T14:00:00+08:00',
    endsAt: '2026-09-05T17:00:00+08:00',
    capacity: 200,
  },
  {
    slug: 'ai-workshop-agent-basics-2026-01',
    community: 'hanjiangwan-agent-opc',
    title: {
      zh: 'AI 流动工坊：半天搭建你的第一个智能体（示例）',
      en: 'AI Pop-up Workshop: build your first agent in an afternoon (sample)',
    },
    summary: {
      zh: '面向零基础创业者的动手工坊，从需求拆解到工具调用，半天做出一个能用的智能体。',
      en: 'A hands-on workshop for beginners, from breaking down a task to tool calling, ending with a working agent in one afternoon.',
    },
    description: {
      zh: '本期 AI 流动工坊由社区运营团队组织，适合准备以一人公司形式开发智能体的创业者。\n\n你将学到：\n\n- 如何把一个业务流程拆成智能体可以执行的步骤；\n- 如何为智能体接入知识库和外部工具；\n- 如何评估智能体的效果和调用成本。\n\n请自带笔记本电脑。本活动为示例数据。',
      en: "This AI pop-up workshop is organised by the community team for founders planning to build AI agents as one-person companies.\n\nYou will learn:\n\n- how to break a business process into steps an agent can carry out;\n- how to connect an agent to a knowledge base and external tools;\n- how to evaluate an agent's quality and API costs.\n\nPlease bring a laptop. This event is sample data.",
    },
    venue: {
      zh: '硚口区 汉江湾人工智能产业园 A 栋 5 层 智能体调试室',
      en: 'Agent debugging room, 5F, Building A, Hanjiangwan Artificial Intelligence Industrial Park, Qiaokou District',
    },
    startsAt: '2026-01-17T13:30:00+08:00',
    endsAt: '2026-01-17T17:30:00+08:00',
    capacity: 40,
  },
  {
    slug: 'ai-workshop-rag-2027-04',
    community: 'binjiang-wuchang-opc',
    title: {
      zh: 'AI 流动工坊：用 RAG 搭建行业知识库（示例）',
      en: 'AI Pop-up Workshop: building an industry knowledge base with RAG (sample)',
    },
    summary: {
      zh: '一天时间，从文档整理、切分、向量检索到效果评估，完整走一遍 RAG 知识库的搭建流程。',
      en: 'In one day, walk through building a RAG knowledge base end to end, from preparing and chunking documents to vector retrieval and evaluation.',
    },
    description: {
      zh: '本期工坊面向需要为客户搭建知识库问答的一人公司。上午讲解文档清洗、切分与向量检索，下午分组完成一个行业知识库，并用测试集评估回答质量。\n\n请自带笔记本电脑，并提前安装常用开发环境。本活动为示例数据。',
      en: 'This workshop is for one-person companies that build knowledge-base Q&A for their clients. The morning covers document cleaning, chunking and vector retrieval; in the afternoon groups build an industry knowledge base and evaluate answer quality with a test set.\n\nPlease bring a laptop with a common development environment installed. This event is sample data.',
    },
    venue: {
      zh: '武昌区 滨江示例创意园 2 号楼 4 层',
      en: '4F, Building 2, Riverside Sample Creative Park, Wuchang District',
    },
    startsAt: '2027-04-17T09:30:00+08:00',
    endsAt: '2027-04-17T16:30:00+08:00',
    capacity: 35,
    room: {
      zh: '402 教室',
      en: 'Room 402',
      private: true,
    },
    questions: [
      {
        key: 'laptop',
        kind: 'single',
        label: { zh: '你会自带笔记本电脑吗？', en: 'Will you bring a laptop?' },
        options: [
          { key: 'yes', label: { zh: '会', en: 'Yes' } },
          { key: 'no', label: { zh: '需要借用', en: 'I need to borrow one' } },
        ],
        required: true,
      },
      {
        key: 'tools',
        kind: 'multiple',
        label: { zh: '用过哪些工具？', en: 'Which tools have you used?' },
        options: [
          { key: 'python', label: { zh: 'Python', en: 'Python' } },
          { key: 'vector-db', label: { zh: '向量数据库', en: 'A vector database' } },
          { key: 'llm-api', label: { zh: '大模型 API', en: 'An LLM API' } },
        ],
        required: false,
      },
    ],
    registrations: [
      { userKey: 'f04', answers: { laptop: 'yes', tools: ['python', 'llm-api'] } },
      { userKey: 'f05', answers: { laptop: 'no' } },
    ],
  },
  {
    slug: 'binjiang-opc-demo-night-2027-06',
    community: 'binjiang-hanyang-opc',
    title: { zh: '滨江 OPC 产品之夜（示例）', en: 'Riverside OPC Product Night (sample)' },
    summary: {
      zh: '沿江各社区的一人公司集中展示新产品，每个产品 5 分钟快速路演。',
      en: 'One-person companies from the riverside communities show their new products in 5-minute lightning pitches.',
    },
    description: {
      zh: '产品之夜面向滨江数智大走廊沿线社区的入驻企业，每个产品 5 分钟演示加 3 分钟问答，现场观众投票选出“最受欢迎产品”。\n\n报名展示的产品须已在本站上架。本活动为示例数据。',
      en: 'Product Night is for member companies of the communities along the Riverside Digital-Intelligence Corridor. Each product gets a 5-minute demo and 3 minutes of Q&A, and the audience votes for the most popular product.\n\nProducts shown must already be listed on the portal. This event is sample data.',
    },
    venue: {
      zh: '汉阳区 滨江示例科创中心 B 座 7 层',
      en: '7F, Block B, Riverside Sample Innovation Center, Hanyang District',
    },
    startsAt: '2027-06-19T19:00:00+08:00',
    endsAt: '2027-06-19T21:30:00+08:00',
    capacity: 100,
    onlineUrl: 'https://live.example.com/binjiang-demo-night',
    approvalRequired: true,
    questions: [
      {
        key: 'product',
        kind: 'text',
        label: { zh: '你想路演的产品（没有可不填）', en: 'The product you would like to pitch (optional)' },
        options: [],
        required: false,
      },
    ],
    registrations: [{ userKey: 'f06', answers: { product: '示例产品' } }],
  },
  {
    slug: 'opc-ai-product-2025-demo-day',
    community: 'changjiang-scene-opc',
    title: {
      zh: '2025 OPC 优秀 AI 产品评选路演日（示例）',
      en: '2025 OPC Outstanding AI Product Awards Demo Day (sample)',
    },
    summary: {
      zh: '入围团队现场路演，公布 2025 OPC 优秀 AI 产品评选结果。',
      en: 'Shortlisted teams pitch on stage and the results of the 2025 OPC Outstanding AI Product Awards are announced.',
    },
    description: {
      zh: '2025 OPC 优秀 AI 产品评选（示例）的入围团队将在路演日现场展示产品，评委点评后公布获奖名单。\n\n活动安排：\n\n- 14:00 签到与产品展示\n- 14:30 入围团队路演，每队 10 分钟\n- 16:30 评委点评\n- 17:00 颁奖与合影\n\n本活动为示例数据。',
      en: "Shortlisted teams of the 2025 OPC Outstanding AI Product Awards (sample) demo their products on stage; the winners are announced after the judges' comments.\n\nProgramme:\n\n- 14:00 check-in and product showcase\n- 14:30 pitches by shortlisted teams, 10 minutes each\n- 16:30 judges' comments\n- 17:00 awards and group photo\n\nThis event is sample data.",
    },
    venue: {
      zh: '江岸区合作路1号 长江场景创新中心 3 层路演厅',
      en: "Pitch hall, 3F, Changjiang Scene Innovation Center, No. 1 Hezuo Road, Jiang'an District",
    },
    startsAt: '2025-11-28T14:00:00+08:00',
    endsAt: '2025-11-28T17:30:00+08:00',
    capacity: 150,
    registrations: [
      { userKey: 'founder', checkedIn: true },
      { userKey: 'f07', checkedIn: true },
      { userKey: 'f08' },
    ],
  },
  {
    slug: 'opc-founder-meetup-guanggu-2027-01',
    community: 'guanggu-model-opc',
    title: {
      zh: '光谷 OPC 创业者交流会：一人公司如何用好算力（示例）',
      en: 'Optics Valley OPC founder meetup: making good use of compute as a one-person company (sample)',
    },
    summary: {
      zh: '三位一人公司创业者分享模型选型、推理成本控制和算力券使用经验。',
      en: 'Three one-person company founders share how they choose models, keep inference costs down and use compute vouchers.',
    },
    description: {
      zh: '本次交流会邀请三位社区入驻创业者（示例人物）分享实践经验：\n\n- 从开源模型到商用 API，如何选择适合自己的模型；\n- 推理成本如何估算与控制；\n- 社区示例方案中的算力券如何申请与核销。\n\n分享结束后为自由交流时间。本活动为示例数据。',
      en: "Three founders from the community (sample personas) share their experience:\n\n- choosing between open-source models and commercial APIs;\n- estimating and controlling inference costs;\n- applying for and redeeming compute vouchers in the community's sample programme.\n\nOpen networking follows the talks. This event is sample data.",
    },
    venue: {
      zh: '东湖高新区 光谷示例创业大厦 12 层 会议室',
      en: 'Meeting room, 12F, Optics Valley Sample Startup Tower, East Lake High-tech Zone',
    },
    startsAt: '2027-01-16T14:00:00+08:00',
    endsAt: '2027-01-16T17:00:00+08:00',
    capacity: 60,
    questions: [
      {
        key: 'stage',
        kind: 'single',
        label: { zh: '你的一人公司处在哪个阶段？', en: 'What stage is your one-person company at?' },
        options: [
          { key: 'idea', label: { zh: '想法阶段', en: 'Idea' } },
          { key: 'building', label: { zh: '产品开发中', en: 'Building' } },
          { key: 'revenue', label: { zh: '已有收入', en: 'Earning revenue' } },
        ],
        required: true,
      },
      {
        key: 'topic',
        kind: 'text',
        label: { zh: '最想和其他创始人交流的话题', en: 'What you most want to discuss with other founders' },
        options: [],
        required: false,
      },
    ],
    registrations: [
      { userKey: 'founder', answers: { stage: 'revenue', topic: '算力券怎么申请' } },
      { userKey: 'f01', answers: { stage: 'building' } },
      { userKey: 'f02', answers: { stage: 'idea', topic: '如何找到第一批客户' } },
      { userKey: 'f03', answers: { stage: 'revenue' } },
    ],
  },
  {
    slug: 'token-voucher-info-session-2026-03',
    community: 'changjiang-scene-opc',
    title: {
      zh: '“四券”申领说明会：Token券、算力券、模型券、数据券（示例）',
      en: 'Voucher info session: Token, compute, model and data vouchers (sample)',
    },
    summary: {
      zh: '介绍社区示例方案中四类券的适用范围、申领材料与核销流程，现场答疑。',
      en: "An introduction to the scope, application materials and redemption of the four voucher types in the community's sample programme, with Q&A.",
    },
    description: {
      zh: '据长江日报5月12日报道，江岸区提出落实 Token 券、算力券、模型券、数据券“四券同发”。本次说明会介绍的是本社区的示例方案，帮助入驻的一人公司了解各类券的用途和申领方式。\n\n内容包括：\n\n- 四类券分别适用于哪些支出；\n- 申领需要准备的材料；\n- 使用与核销流程、常见问题。\n\n本活动为示例数据，具体政策以主管部门发布的正式文件为准。',
      en: "According to the Changjiang Daily report of 12 May, Jiang'an District plans to issue Token, compute, model and data vouchers together. This session presents the community's sample programme so member one-person companies understand what each voucher is for and how to apply.\n\nTopics:\n\n- which expenses each of the four vouchers covers;\n- the materials needed for an application;\n- usage, redemption and common questions.\n\nThis event is sample data; official policies are those published by the competent authorities.",
    },
    venue: {
      zh: '江岸区合作路1号 长江场景创新中心 3 层多功能厅',
      en: "Multi-purpose hall, 3F, Changjiang Scene Innovation Center, No. 1 Hezuo Road, Jiang'an District",
    },
    startsAt: '2026-03-20T10:00:00+08:00',
    endsAt: '2026-03-20T11:30:00+08:00',
    capacity: 80,
  },
];
