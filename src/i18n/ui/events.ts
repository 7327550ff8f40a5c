/** UI strings of events. */
import type { Localized } from '~/functions/schemas/common';

export const eventsStrings = {
  'events.title': { zh: '活动', en: 'Events' },
  'events.lead': {
    zh: 'OPC 社区的工作坊、路演、政策解读与大赛活动。',
    en: 'Workshops, demo nights, policy briefings and contest events in the OPC communities.',
  },
  'events.upcoming': { zh: '即将举行', en: 'Upcoming' },
  'events.past': { zh: '往期活动', en: 'Past events' },
  'events.upcomingEmpty': { zh: '暂无即将举行的活动。', en: 'No upcoming events.' },
  'events.pastEmpty': { zh: '暂无往期活动。', en: 'No past events.' },
  'events.all': { zh: '全部活动', en: 'All events' },
  'events.ical': { zh: '订阅全部活动日历（iCal）', en: 'Subscribe to all events (iCal)' },
  'event.facts': { zh: '活动信息', en: 'Event details' },
  'event.when': { zh: '时间', en: 'When' },
  'event.venue': { zh: '地点', en: 'Where' },
  'event.community': { zh: '主办社区', en: 'Community' },
  'event.capacity': { zh: '名额', en: 'Capacity' },
  'event.capacityValue': { zh: '{n} 人', en: '{n} people' },
  'event.ended': { zh: '本活动已结束。', en: 'This event has ended.' },
  'event.addToCalendar': { zh: '添加到日历（.ics）', en: 'Add to calendar (.ics)' },
  'event.about': { zh: '活动介绍', en: 'About this event' },
} satisfies Record<string, Localized>;
