//! A real SMTP server for tests, on 127.0.0.1 with a port of its own: it speaks enough SMTP
//! for a client (EHLO, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA, RSET, QUIT), keeps every message it
//! accepted, and can be told to refuse a recipient (550) or every login (535). Plain threads,
//! so any test (async or not, in this process or driving a child process) can use it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, Default)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: Vec<u8>,
    pub auth: Option<String>,
}

#[derive(Clone, Default)]
pub struct Script {
    /// Recipients refused with `550 5.1.1`.
    pub refuse: Vec<String>,
    /// Every AUTH answered with `535 5.7.8`.
    pub refuse_login: bool,
}

pub struct Sink {
    pub port: u16,
    pub received: Arc<Mutex<Vec<Received>>>,
}

impl Sink {
    pub fn start(script: Script) -> Sink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let store = received.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (store, script) = (store.clone(), script.clone());
                std::thread::spawn(move || {
                    let _ = session(stream, &store, &script);
                });
            }
        });
        Sink { port, received }
    }

    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

/// A port nothing listens on (bound, then let go).
pub fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

fn address(arg: &str) -> String {
    arg.split(':').nth(1).unwrap_or("").trim().trim_start_matches('<').split('>').next().unwrap_or("").to_string()
}

fn session(stream: TcpStream, store: &Mutex<Vec<Received>>, script: &Script) -> std::io::Result<()> {
    let mut out = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let mut say = |s: &str| out.write_all(format!("{s}\r\n").as_bytes());
    say("220 sink.test ESMTP ready")?;
    let mut current = Received::default();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let cmd = line.trim_end().to_string();
        let upper = cmd.to_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            say("250-sink.test greets you")?;
            say("250-AUTH PLAIN LOGIN")?;
            say("250-8BITMIME")?;
            say("250 SMTPUTF8")?;
        } else if upper.starts_with("AUTH") {
            if script.refuse_login {
                say("535 5.7.8 Authentication credentials invalid")?;
            } else {
                current.auth = Some(cmd.clone());
                say("235 2.7.0 Authentication successful")?;
            }
        } else if upper.starts_with("MAIL FROM") {
            current.from = address(&cmd);
            say("250 2.1.0 OK")?;
        } else if upper.starts_with("RCPT TO") {
            let to = address(&cmd);
            if script.refuse.iter().any(|r| r.eq_ignore_ascii_case(&to)) {
                say(&format!("550 5.1.1 <{to}>: Recipient address rejected: User unknown"))?;
            } else {
                current.to.push(to);
                say("250 2.1.5 OK")?;
            }
        } else if upper == "DATA" {
            say("354 End data with <CR><LF>.<CR><LF>")?;
            let mut data = Vec::new();
            loop {
                let mut l = String::new();
                if reader.read_line(&mut l)? == 0 {
                    return Ok(());
                }
                if l == ".\r\n" || l == ".\n" {
                    break;
                }
                let l = l.strip_prefix('.').map(str::to_string).unwrap_or(l);
                data.extend_from_slice(l.as_bytes());
            }
            current.data = data;
            store.lock().unwrap().push(std::mem::take(&mut current));
            say("250 2.0.0 OK queued")?;
        } else if upper == "RSET" {
            current = Received::default();
            say("250 2.0.0 OK")?;
        } else if upper == "QUIT" {
            say("221 2.0.0 Bye")?;
            return Ok(());
        } else if upper == "NOOP" {
            say("250 2.0.0 OK")?;
        } else {
            say("502 5.5.2 Command not recognized")?;
        }
    }
}
