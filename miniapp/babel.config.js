// Taro's preset compiles both the app and @union/shared (see compile.include in config/index.ts).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
