/**
 * 练习检查的结论（中文）：按 `<组>.<键>` 对应英文目录（playground/exercises/check-messages.ts）的每一条。
 * 页面拿到检查结论里的消息 ID 和参数（playground/exercises/said.ts），在这里找到中文说法。
 */
import type { CheckMessages } from '../en/checks.ts';

const checks: CheckMessages = {
  run: {
    stuck: (why) => `程序一直没有结束：${why}`,
    stuckBecause: (problem, why) => `${problem}（所以程序一直没有结束：${why}。）`,
    harnessStopped: (message) => `检查的代码中止了这次运行：${message}`,
    threw: (what) => `程序抛出了异常：${what}`,
    threwAt: (line, what) => `程序在第 ${line} 行抛出了异常：${what}`,
    connectsFirst: (client, first) =>
      `你的代码在检查的代码运行之前就自己打开了一个会话（检查的第一个客户端是 ${client}，不是 ${first}），所以检查的客户端不再是故障瞄准的那些。只定义练习要求的函数；如果要连接，只在这些函数里连接。`,
    anotherClient: '另一个客户端',
  },
  'first-program': {
    neverPrintedEnd: '程序一直没有打印 /config 的 NodeDataChanged 事件',
    neverCreatedAlive: '程序一直没有创建 /alive',
    aliveMode: (mode) => `/alive 是以 ${mode} 创建的：它会比会话活得久。“临时”是一种创建模式（CreateMode.EPHEMERAL），不是 ACL，也不是之后再设置的属性。`,
    unknownMode: '未知的模式',
    neverSet: '程序一直没有用 setData 修改 /config',
    noWatch: '/config 改变之前，没有在它上面设置监视。监视由读操作设置（带 Watcher 的 getData 或 exists），由服务器在下一次改变时触发，只触发一次。',
    blindSet: (version) =>
      `setData('/config', …, ${version}) 会覆盖任何版本。请传入读操作返回的版本号（stat.version）：setData 接受的是你期望的版本号，如果之后有人改过这个 znode，它就会失败，返回 BADVERSION。`,
    neverPrinted: '程序一直没有打印 /config 的 NodeDataChanged 事件（在 Watcher 里，或者等到它之后，打印 e.type 和 e.path）。',
    madeUpEvent: '程序在服务器发出 NodeDataChanged 事件之前就打印了一个。Watcher 由客户端库在服务器触发监视时调用，绝不由你自己的代码调用：自己调用它什么也证明不了。',
  },
};

export default checks;
