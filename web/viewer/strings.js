// The page's own words in both languages; the scene's texts come from scene.json.
export const UI = {
  zh: { loading: '正在加载', close: '关闭', views: '视点', tours: '导览', stop: '停止导览', credits: '数据来源', hotspots: '景点',
        switchTo: 'English', switchLabel: 'Switch to English', failed: '场景无法加载',
        chooseAnswer: '请选择答案', timeLeft: '还剩 {s} 秒',
        walk: '步行', orbit: '环绕', walkAhead: '向前走', enterVr: '进入 VR', vrFailed: '无法进入 VR' },
  en: { loading: 'Loading', close: 'Close', views: 'Viewpoints', tours: 'Tours', stop: 'Stop the tour', credits: 'Credits', hotspots: 'Places',
        switchTo: '中文', switchLabel: '切换到中文', failed: 'The scene could not be loaded',
        chooseAnswer: 'Choose an answer', timeLeft: '{s} s left',
        walk: 'Walk', orbit: 'Orbit', walkAhead: 'Walk ahead', enterVr: 'Enter VR', vrFailed: 'VR could not start' },
};
export const LANGS = ['zh', 'en'];
