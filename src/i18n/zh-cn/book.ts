/** 书本身的界面文字（中文）：首页的目录和阅读进度，以及章节链接上的进度标记。键与 `en/book.ts` 一一对应。 */
import type { BookMessages } from '../en/book.ts';

const book: BookMessages = {
  chapters: '目录',
  draft: '（草稿）',
  progressTitle: '阅读进度',
  nothingRead: '在这个浏览器里还没有读过任何一章。',
  summary: (read, chapters, passed, exercises) => `你已读完 ${chapters} 章中的 ${read} 章，通过了 ${exercises} 道练习中的 ${passed} 道。`,
  readAll: '所有章节都已读完。',
  startWith: '从这一章开始：',
  continueWith: '接着读：',
  sentenceEnd: '',
  keptNote: '进度只保存在这个浏览器里：读完的章节、通过的练习、你写的代码和你的回答。',
  resetAsk: '清除我的进度…',
  resetQuestion: '要清除这个浏览器里所有的阅读记录、练习结果、保存的代码和回答吗？清除后无法恢复。',
  resetYes: '是的，全部清除',
  resetCancel: '取消',
  cleared: '你的进度、代码和回答已从这个浏览器中清除。',
  markRead: '已读',
  markPassed: (done, total) => `${total} 道练习通过了 ${done} 道`,
  markJoin: '，',
};

export default book;
