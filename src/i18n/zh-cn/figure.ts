/**
 * 图周围由代码放到页面上的中文文字（src/i18n/en/figure.ts 的中文版本）：集群图的图例、
 * 就地的“如何读这张图”、时刻链接之后的返回按钮、章节表格的名称。
 */
import type { FigureMessages } from '../en/figure.ts';

const figure: FigureMessages = {
  keySummary: '图例',
  legend: {
    roles: '★ LEADING：领导者 · FOLLOWING：跟随者',
    observing: ' · OBSERVING：观察者（不投票）',
    electing: ' · LOOKING：正在选举（“votes s3”：它的选票） · 填充色与标签：纪元（新领导者，新颜色）',
    down: ' · ✕ DOWN：已崩溃',
    frozen: ' · ❄ FROZEN：主机被冻结（带暂停符号 <span class="lab-pause-icon" aria-hidden="true"></span> 的消息在它门口等待）',
    partition: ' · 链路上的 ✕：被网络分区切断；A/B：分区的两侧',
    messages: ' · 链路上的标记：传输中的消息，▸ 指向它的去向（点击查看内容）；拥挤时只显示首字母：P PROPOSAL，A ACK，C COMMIT',
    inform: '，I INFORM',
  },
  howToRead: '如何读这张图',
  howTo: {
    ensemble:
      '圆圈是**服务器**：★ LEADING 是**领导者**，每次修改都经过它；FOLLOWING 的服务器保存副本并回答读请求；每个圆圈下的标签是它的**纪元**（epoch），即领导者的届次。方框是**客户端**，每个客户端通过连到某台服务器的线持有一个**会话**。沿线移动的标记是**传输中的消息**；点击可查看它携带的内容。',
    tree: '**znode 树**：某一台服务器上的数据副本（可以选择哪台服务器）。',
    log: '每台服务器的**事务日志**，每次修改一列，按它的 *zxid*（`epoch:counter`）编号：○ 已提议（已写入日志），● 已提交（已应用到树上）。',
    lanes: '**时空图**：每台服务器和每个客户端一条泳道，时间从左向右，每条消息一个箭头。',
    controls: '**Step** 前进一个事件，**Play** 让时间流动，所有视图随之变化；每个视图下的图例说明它的标记。',
  },
  backToText: '回到正文 ↓',
  backToTextWhere: (moment) => ` — 图现在显示：${moment}；按 Escape 也能回到你正在读的句子。`,
  table: (headers) => `表格：${headers}`,
  tableUnnamed: '表格',
};

export default figure;
