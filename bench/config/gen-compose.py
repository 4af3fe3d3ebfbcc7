#!/usr/bin/env python3
"""Writes a Compose file with N services (default 500) to stdout, for timing `config -q`.

Every service uses the common attributes in both their short and long forms: image, command,
environment (list and mapping), ports (ranges, host IPs, protocols), volumes (named, bind,
anonymous), depends_on (short and long), networks with aliases, labels, healthcheck, restart,
ulimits, logging. The file is valid for Compose v2, docker-compose 1.29 and jcompose, and the
same N always gives the same file.
"""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
out = ["services:"]
for i in range(n):
    s = f"svc{i:04d}"
    out.append(f"  {s}:")
    out.append(f"    image: registry.example.com/team/app{i % 17}:${{TAG:-1.{i % 9}}}")
    out.append(f"    command: [\"serve\", \"--port\", \"{8000 + i}\", \"--name\", \"{s}\"]")
    if i % 2 == 0:
        out.append("    environment:")
        out.append(f"      - SERVICE_NAME={s}")
        out.append(f"      - REPLICA_INDEX={i}")
        out.append("      - LOG_LEVEL=${LOG_LEVEL:-info}")
    else:
        out.append("    environment:")
        out.append(f"      SERVICE_NAME: {s}")
        out.append(f"      REPLICA_INDEX: \"{i}\"")
        out.append("      LOG_LEVEL: ${LOG_LEVEL:-info}")
    out.append("    ports:")
    out.append(f"      - \"127.0.0.1:{10000 + i}:80\"")
    out.append(f"      - target: 9000")
    out.append(f"        published: \"{20000 + i}\"")
    out.append(f"        protocol: udp")
    out.append("    volumes:")
    out.append(f"      - data{i % 10}:/var/lib/app")
    out.append(f"      - ./config/{s}:/etc/app:ro")
    out.append("      - /tmp/cache")
    if i > 0:
        if i % 3 == 0:
            out.append("    depends_on:")
            out.append(f"      svc{i - 1:04d}:")
            out.append("        condition: service_started")
        else:
            out.append(f"    depends_on: [svc{(i - 1):04d}]")
    out.append("    networks:")
    out.append(f"      net{i % 5}:")
    out.append(f"        aliases: [{s}.internal]")
    out.append("    labels:")
    out.append(f"      com.example.service: {s}")
    out.append(f"      com.example.shard: \"{i % 8}\"")
    out.append("    healthcheck:")
    out.append(f"      test: curl -f http://localhost:{8000 + i}/health || exit 1")
    out.append("      interval: 30s")
    out.append("      timeout: 5s")
    out.append("      retries: 3")
    out.append("    restart: unless-stopped")
    out.append("    ulimits:")
    out.append("      nofile: {soft: 20000, hard: 40000}")
    out.append("    logging:")
    out.append("      driver: json-file")
    out.append("      options: {max-size: 10m}")
out.append("networks:")
for k in range(5):
    out.append(f"  net{k}: {{}}")
out.append("volumes:")
for k in range(10):
    out.append(f"  data{k}: {{}}")
print("\n".join(out))
