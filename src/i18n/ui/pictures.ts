/** UI strings of the pictures pages and picture controls (issue 14). */
import type { Localized } from '~/functions/schemas/common';

export const picturesStrings = {
  'pictures.productTitle': { zh: '「{name}」的图片', en: 'Pictures of “{name}”' },
  'pictures.companyTitle': { zh: '「{name}」的标志与营业执照', en: 'Logo and business licence of “{name}”' },
  'pictures.reviewPending': {
    zh: '产品通过审核后，标志和截图随产品一起公开。',
    en: 'The logo and screenshots go public with the product once it is approved.',
  },
  'pictures.reviewApproved': {
    zh: '产品已公开：新上传的图片会随修改一起等待审核，通过后替换公开页面上的图片；删除和调整顺序立即生效。',
    en: 'The product is public: a new picture waits for review with your edit and replaces the public one once approved. Removing and reordering apply at once.',
  },
  'pictures.verifyFirst': {
    zh: '请先验证邮箱，然后才能上传图片。',
    en: 'Please verify your email address before uploading pictures.',
  },
  'pictures.done.upload': { zh: '图片已上传。', en: 'The picture was uploaded.' },
  'pictures.done.remove': { zh: '图片已删除。', en: 'The picture was removed.' },
  'pictures.done.move': { zh: '顺序已调整。', en: 'The order was changed.' },
  'pictures.done.logo': { zh: '标志已上传。', en: 'The logo was uploaded.' },
  'pictures.done.licence': {
    zh: '营业执照已上传，只有你和组织者能查看。',
    en: 'The licence was uploaded. Only you and organizers can see it.',
  },
  'pictures.logo': { zh: '标志', en: 'Logo' },
  'pictures.logoAlt': { zh: '{name} 的标志', en: 'Logo of {name}' },
  'pictures.noLogo': {
    zh: '还没有标志，页面上显示名称首字。',
    en: 'No logo yet: pages show the first letter of the name.',
  },
  'pictures.proposed': { zh: '待审核', en: 'Awaiting review' },
  'pictures.chooseLogo': { zh: '选择标志图片', en: 'Choose a logo' },
  'pictures.logoHint': {
    zh: 'PNG、JPEG 或 WebP，最大 5 MB，至少 96 × 96 像素；会裁成正方形。',
    en: 'PNG, JPEG or WebP, at most 5 MB, at least 96 × 96 pixels; cropped to a square.',
  },
  'pictures.uploadLogo': { zh: '上传标志', en: 'Upload logo' },
  'pictures.screenshots': { zh: '截图（{n}/{max}）', en: 'Screenshots ({n} of {max})' },
  'pictures.noScreenshots': { zh: '还没有截图。', en: 'No screenshots yet.' },
  'pictures.up': { zh: '前移', en: 'Move up' },
  'pictures.down': { zh: '后移', en: 'Move down' },
  'pictures.remove': { zh: '删除', en: 'Remove' },
  'pictures.full': {
    zh: '已有 {max} 张截图：删除一张后才能再上传。',
    en: 'There are {max} screenshots: remove one to upload another.',
  },
  'pictures.chooseScreenshot': { zh: '选择截图', en: 'Choose a screenshot' },
  'pictures.screenshotHint': {
    zh: 'PNG、JPEG 或 WebP，最大 5 MB，宽度至少 320 像素。图片中的拍摄地点等信息会被去除。',
    en: 'PNG, JPEG or WebP, at most 5 MB, at least 320 pixels wide. Location and other metadata are removed.',
  },
  'pictures.uploadScreenshot': { zh: '上传截图', en: 'Upload screenshot' },
  'pictures.editText': { zh: '编辑产品文字', en: 'Edit the product’s text' },
  'pictures.manage': { zh: '标志与截图', en: 'Logo and screenshots' },
  'pictures.companyLink': { zh: '标志与营业执照', en: 'Logo and business licence' },
  'pictures.companyLogoLead': {
    zh: '公司通过认证后，标志显示在公司页面上。',
    en: 'The logo shows on the company page once the company is verified.',
  },
  'pictures.licence': { zh: '营业执照', en: 'Business licence' },
  'pictures.licenceLead': {
    zh: '用于认证公司：只有你和组织者能查看，不会出现在任何公开页面。',
    en: 'For verifying the company: only you and organizers can see it; it never appears on a public page.',
  },
  'pictures.licenceOnFile': { zh: '已上传营业执照。', en: 'A licence is on file.' },
  'pictures.licenceView': { zh: '查看', en: 'View' },
  'pictures.licenceNone': { zh: '还没有上传营业执照。', en: 'No licence uploaded yet.' },
  'pictures.chooseLicence': { zh: '选择营业执照扫描件', en: 'Choose the licence scan' },
  'pictures.licenceHint': {
    zh: '图片（PNG、JPEG、WebP）或 PDF，最大 5 MB。',
    en: 'An image (PNG, JPEG, WebP) or a PDF, at most 5 MB.',
  },
  'pictures.uploadLicence': { zh: '上传营业执照', en: 'Upload licence' },
  'admin.company.lookUp': {
    zh: '在国家企业信用信息公示系统核对',
    en: 'Check it in the National Enterprise Credit Information Publicity System',
  },
  'admin.company.licencePdf': { zh: '查看营业执照（PDF）', en: 'View the licence (PDF)' },
  'admin.company.licenceImage': { zh: '查看营业执照（图片）', en: 'View the licence (image)' },
  'admin.event.cover': { zh: '封面图', en: 'Cover picture' },
  'admin.event.chooseCover': { zh: '选择封面图', en: 'Choose a cover' },
  'admin.event.coverHint': {
    zh: 'PNG、JPEG 或 WebP，最大 5 MB，宽度至少 640 像素；建议 16:9。',
    en: 'PNG, JPEG or WebP, at most 5 MB, at least 640 pixels wide; 16:9 works best.',
  },
  'admin.event.uploadCover': { zh: '上传封面', en: 'Upload cover' },
  'admin.event.noCover': { zh: '还没有封面图。', en: 'No cover yet.' },
  'admin.pictures': { zh: '图片', en: 'Pictures' },
} satisfies Record<string, Localized>;
