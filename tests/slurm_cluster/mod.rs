//! A one-node Slurm cluster on loopback for tests/slurm.rs, from Debian's slurm-wlm and munge
//! (installed by scripts/setup_tests.sh): munged with its own key and socket, slurmctld and slurmd
//! in the foreground (`-D`) with their state, spool and logs under a temporary directory, found by
//! every command through `SLURM_CONF`. Dropping the cluster cancels its jobs and stops the three
//! daemons by pid, also when the test fails.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub struct Cluster {
    pub dir: PathBuf,
    conf: PathBuf,
    daemons: Vec<Child>,
}

fn need(program: &str) -> PathBuf {
    for dir in ["/usr/sbin", "/usr/bin", "/sbin", "/bin"] {
        let p = Path::new(dir).join(program);
        if p.exists() {
            return p;
        }
    }
    panic!("{program} is not installed: run `bash scripts/setup_tests.sh` first (it installs slurm-wlm and munge)");
}

/// Memory for the node: 80% of the machine's, in MB (slurmd drains a node that claims more).
fn real_memory_mb() -> u64 {
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let kb: u64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(2_000_000);
    kb / 1024 * 8 / 10
}

impl Cluster {
    /// Start munged, slurmctld and slurmd under `dir` and wait for the node to be idle.
    pub fn start(dir: &Path) -> Cluster {
        let (munged, ctld, slurmd) = (need("munged"), need("slurmctld"), need("slurmd"));
        need("sbatch");
        let _ = std::fs::remove_dir_all(dir);
        for sub in ["state", "spool", "log"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o711)).unwrap();
        let key = dir.join("munge.key");
        let mut bytes = [0u8; 1024];
        std::io::Read::read_exact(&mut std::fs::File::open("/dev/urandom").unwrap(), &mut bytes).unwrap();
        std::fs::write(&key, bytes).unwrap();
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o400)).unwrap();
        let socket = dir.join("munge.sock");
        let port = 20_000 + std::process::id() % 20_000;
        let conf = dir.join("slurm.conf");
        let d = dir.display();
        let cpus = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        std::fs::write(
            &conf,
            format!(
                "ClusterName=salesimtest\nSlurmctldHost=localhost(127.0.0.1)\nSlurmctldPort={port}\nSlurmdPort={}\n\
                 AuthType=auth/munge\nCredType=cred/munge\nAuthInfo=socket={}\nSlurmUser=root\nSlurmdUser=root\n\
                 StateSaveLocation={d}/state\nSlurmdSpoolDir={d}/spool\nSlurmctldPidFile={d}/slurmctld.pid\n\
                 SlurmdPidFile={d}/slurmd.pid\nSlurmctldLogFile={d}/log/slurmctld.log\nSlurmdLogFile={d}/log/slurmd.log\n\
                 ProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\nJobAcctGatherType=jobacct_gather/none\n\
                 AccountingStorageType=accounting_storage/none\nSelectType=select/cons_tres\nSelectTypeParameters=CR_Core\n\
                 MpiDefault=none\nReturnToService=2\nMailProg=/bin/true\nSchedulerType=sched/backfill\n\
                 NodeName=localhost NodeAddr=127.0.0.1 CPUs={cpus} RealMemory={} State=UNKNOWN\n\
                 PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP\n",
                port + 1,
                socket.display(),
                real_memory_mb()
            ),
        )
        .unwrap();
        let log = |name: &str| Stdio::from(std::fs::File::create(dir.join("log").join(name)).unwrap());
        let mut cluster = Cluster { dir: dir.to_path_buf(), conf: conf.clone(), daemons: Vec::new() };
        let daemon = |c: &mut Cluster, program: &Path, args: &[&str], out: &str| {
            let child = Command::new(program)
                .args(args)
                .env("SLURM_CONF", &c.conf)
                .stdout(log(out))
                .stderr(log(out))
                .spawn()
                .unwrap();
            c.daemons.push(child);
        };
        let (key_arg, socket_arg) = (format!("--key-file={}", key.display()), format!("--socket={}", socket.display()));
        let (pid_arg, seed_arg, log_arg) = (
            format!("--pid-file={d}/munged.pid"),
            format!("--seed-file={d}/munge.seed"),
            format!("--log-file={d}/log/munged.log"),
        );
        daemon(
            &mut cluster,
            &munged,
            &["-F", "--force", &key_arg, &socket_arg, &pid_arg, &seed_arg, &log_arg],
            "munged.out",
        );
        cluster.wait_for("the munge socket", Duration::from_secs(20), |c| c.dir.join("munge.sock").exists());
        daemon(&mut cluster, &ctld, &["-D", "-i"], "slurmctld.out");
        cluster.wait_for("slurmctld", Duration::from_secs(30), |c| c.run("sinfo", &["-h"]).status.success());
        daemon(&mut cluster, &slurmd, &["-D", "-N", "localhost"], "slurmd.out");
        cluster.wait_for("the node to be idle", Duration::from_secs(60), |c| {
            c.stdout("sinfo", &["-h", "-o", "%T"]).trim() == "idle"
        });
        cluster
    }

    /// Run a Slurm client command against this cluster.
    pub fn run(&self, program: &str, args: &[&str]) -> Output {
        Command::new(program)
            .args(args)
            .env("SLURM_CONF", &self.conf)
            .output()
            .unwrap_or_else(|e| panic!("{program}: {e}"))
    }

    /// A Slurm command's standard output (it must succeed).
    pub fn stdout(&self, program: &str, args: &[&str]) -> String {
        let o = self.run(program, args);
        if !o.status.success() {
            return String::new();
        }
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    /// The environment a job submission needs.
    pub fn conf(&self) -> &Path {
        &self.conf
    }

    /// Poll `ready` until it holds, failing the test with the daemons' logs after `limit`.
    pub fn wait_for(&self, what: &str, limit: Duration, ready: impl Fn(&Cluster) -> bool) {
        let start = Instant::now();
        while !ready(self) {
            if start.elapsed() > limit {
                panic!("waited {limit:?} for {what}; logs:\n{}", self.logs());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The tail of every daemon log, for a failure message.
    pub fn logs(&self) -> String {
        let mut text = String::new();
        for entry in std::fs::read_dir(self.dir.join("log")).into_iter().flatten().flatten() {
            let body = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let tail: Vec<&str> = body.lines().rev().take(15).collect();
            text.push_str(&format!(
                "--- {}\n{}\n",
                entry.path().display(),
                tail.into_iter().rev().collect::<Vec<_>>().join("\n")
            ));
        }
        text
    }

    /// Whether no job of this cluster is pending or running.
    pub fn idle(&self) -> bool {
        self.run("squeue", &["-h"]).status.success() && self.stdout("squeue", &["-h"]).trim().is_empty()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self.run("scancel", &["--full", "--user=root"]);
        let start = Instant::now();
        while !self.idle() && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(100));
        }
        for child in self.daemons.iter_mut().rev() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
