// npm run build: the library (lit external), the standalone bundles, the simulator plugin script,
// the type declarations and custom-elements.json — in that order, stopping at the first failure.
import { execFileSync } from 'node:child_process';

const run = (cmd, args) => {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit' });
};
const bin = (name) => `node_modules/.bin/${name}`;

run(bin('vite'), ['build', '--logLevel', 'warn']);
run(bin('vite'), ['build', '--mode', 'standalone', '--logLevel', 'warn']);
run(bin('vite'), ['build', '--mode', 'simulator', '--logLevel', 'warn']);
run(bin('tsc'), ['-p', 'tsconfig.build.json']);
run('npm', ['run', '--silent', 'analyze']);
console.log('\nbuilt dist/ and custom-elements.json');
