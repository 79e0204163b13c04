// The load balancer of a local cluster: Debian's nginx in front of the api processes, with its
// own prefix directory (config, pid, temp files, logs), so it never touches the system's nginx.
// WebSocket upgrades pass through; idempotent requests move to the other api process when one
// fails or is draining (502/503); a POST is never replayed by nginx (clients retry with their
// Idempotency-Key).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const NGINX = process.env.NGINX_BIN || '/usr/sbin/nginx';

/** Whether nginx can run here (the cluster tests and `flywheel cluster` need it). */
export function nginxAvailable(): boolean {
  return spawnSync(NGINX, ['-v'], { stdio: 'ignore' }).status === 0;
}

export function nginxConfig(prefix: string, listenPort: number, apiPorts: number[]): string {
  const temp = (name: string) => `${name}_temp_path ${join(prefix, 'tmp', name)};`;
  return `# Written by flywheel's cluster launcher (src/cluster/nginx.ts).
worker_processes 1;
daemon off;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'error.log')} warn;
events { worker_connections 8192; }
http {
  access_log off;
  ${temp('client_body')}
  ${temp('proxy')}
  ${temp('fastcgi')}
  ${temp('uwsgi')}
  ${temp('scgi')}
  client_max_body_size 600m;
  map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
  upstream flywheel_api {
    least_conn;
${apiPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${listenPort};
    location / {
      proxy_pass http://flywheel_api;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Request-Id $request_id;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      proxy_request_buffering off;
    }
  }
}
`;
}

export interface Nginx {
  child: ChildProcess;
  stop(): Promise<void>;
}

export function startNginx(prefix: string, listenPort: number, apiPorts: number[]): Nginx {
  for (const d of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(prefix, 'tmp', d), { recursive: true });
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(conf, nginxConfig(prefix, listenPort, apiPorts));
  const test = spawnSync(NGINX, ['-t', '-p', prefix, '-c', conf], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx rejected its configuration: ${test.stderr}`);
  const child = spawn(NGINX, ['-p', prefix, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  return {
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGQUIT'); // graceful: finish what is in flight
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function nginxErrors(prefix: string): string {
  try {
    return readFileSync(join(prefix, 'error.log'), 'utf8');
  } catch {
    return '';
  }
}
