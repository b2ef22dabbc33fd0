/** 正文旁的阅读辅助（中文）：预测题、图的导览、挑战的标记、“在图中查看”、代码编辑器的状态行、离线更新提示。键与 `en/reading.ts` 一一对应。 */
import type { ReadingMessages } from '../en/reading.ts';

const reading: ReadingMessages = {
  predictKicker: '预测',
  reveal: '揭晓',
  chooseFirst: '先选一个答案。',
  revealWhenSure: '想好了就按“揭晓”。',
  seeInFigure: '在图中查看',
  right: '答对了。上面每个选项下面都写了它为什么对，或者为什么诱人。',
  notQuite: (answer) => `不太对：答案是“${answer}”。上面每个选项下面都写了它为什么对，或者为什么诱人。`,

  tourLabel: '这张图的导览',
  tourHeading: '怎样读这张图。',
  tourIntro: (steps) => `导览共 ${steps} 步，每步只看图的一部分。`,
  takeTour: '开始导览',
  skipIt: '跳过',
  back: '◀ 上一步',
  next: '下一步 ▶',
  finish: '完成',
  skipTour: '跳过导览',
  tourAsText: '导览的文字版',
  step: (i, n) => `第 ${i} 步，共 ${n} 步`,
  tourTaken: '导览结束。现在这张图归你了：单步走、播放，或者把它弄坏。',
  tourSkipped: '已跳过导览。这张图归你了：单步走、播放，或者把它弄坏。',
  takeTourAgain: '再看一遍导览',

  challengeDone: '✓ 已完成',
  notYet: '尚未完成',
  reachedState: '已达成',
  doneBefore: '以前完成过',
  reached: (goal) => `已达成：${goal}`,
  borrowed: '这是在链接打开的运行、载入的经典运行或改过规则的运行里达成的：只显示，不记录。用你自己的操作达成，才会记下来。',

  showInFigure: '（在图中显示）',

  loadingEditor: '正在加载编辑器…',
  codeEditor: '代码编辑器',
  editorReadyRestored: '编辑器已就绪（恢复了你之前的修改）。',
  editorReady: '编辑器已就绪。',
  editorFailed: (why) => `编辑器加载失败：${why}`,

  newVersion: '本书有新版本了。',
  reload: '重新加载',
  later: '稍后',
};

export default reading;
