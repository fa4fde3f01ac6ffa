//! Where the mail server's password lives: the operating system's keychain (Keychain on macOS,
//! Credential Manager on Windows, the Secret Service on Linux), never the database. Where no
//! keychain can be reached (a desktop without one, a server), saving says so plainly; the app
//! then keeps the password for this session only, and the CLI can take it from
//! `HEARTH_SMTP_PASSWORD`.

use std::collections::HashMap;
use std::sync::Mutex;

/// The keychain's name for Hearth's entries.
pub const SERVICE: &str = "com.hearth.crm";

pub trait SecretStore: Send + Sync {
    fn get(&self, account: &str) -> Result<Option<String>, String>;
    fn set(&self, account: &str, secret: &str) -> Result<(), String>;
    fn delete(&self, account: &str) -> Result<(), String>;
}

/// The OS keychain.
pub struct Keychain;

fn keychain_error(e: keyring::Error) -> String {
    match e {
        keyring::Error::NoStorageAccess(inner) => format!("The system keychain is locked or refused access ({inner})."),
        keyring::Error::PlatformFailure(inner) => format!("No system keychain is available here ({inner})."),
        other => format!("The system keychain failed: {other}"),
    }
}

impl SecretStore for Keychain {
    fn get(&self, account: &str) -> Result<Option<String>, String> {
        let entry = keyring::Entry::new(SERVICE, account).map_err(keychain_error)?;
        match entry.get_password() {
            Ok(p) => Ok(Some(p)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keychain_error(e)),
        }
    }

    fn set(&self, account: &str, secret: &str) -> Result<(), String> {
        keyring::Entry::new(SERVICE, account).and_then(|e| e.set_password(secret)).map_err(keychain_error)
    }

    fn delete(&self, account: &str) -> Result<(), String> {
        match keyring::Entry::new(SERVICE, account).and_then(|e| e.delete_credential()) {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keychain_error(e)),
        }
    }
}

/// Secrets held in memory only (tests; and the app's fallback for this session).
#[derive(Default)]
pub struct MemoryStore(Mutex<HashMap<String, String>>);

impl SecretStore for MemoryStore {
    fn get(&self, account: &str) -> Result<Option<String>, String> {
        Ok(self.0.lock().unwrap_or_else(|p| p.into_inner()).get(account).cloned())
    }

    fn set(&self, account: &str, secret: &str) -> Result<(), String> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).insert(account.to_string(), secret.to_string());
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<(), String> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).remove(account);
        Ok(())
    }
}

/// The keychain first; what it cannot hold is kept in memory for this session.
#[derive(Default)]
pub struct KeychainOrMemory {
    memory: MemoryStore,
}

/// Where a password was saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Keychain,
    /// No keychain: kept until the app closes. The message says why.
    SessionOnly,
}

impl KeychainOrMemory {
    pub fn save(&self, account: &str, secret: &str) -> (Saved, Option<String>) {
        match Keychain.set(account, secret) {
            Ok(()) => {
                let _ = self.memory.delete(account);
                (Saved::Keychain, None)
            }
            Err(why) => {
                let _ = self.memory.set(account, secret);
                (Saved::SessionOnly, Some(why))
            }
        }
    }
}

impl SecretStore for KeychainOrMemory {
    fn get(&self, account: &str) -> Result<Option<String>, String> {
        if let Some(p) = self.memory.get(account)? {
            return Ok(Some(p));
        }
        match Keychain.get(account) {
            Ok(p) => Ok(p),
            // No keychain here: nothing was kept in it either.
            Err(_) => Ok(std::env::var("HEARTH_SMTP_PASSWORD").ok().filter(|p| !p.is_empty())),
        }
    }

    fn set(&self, account: &str, secret: &str) -> Result<(), String> {
        match self.save(account, secret) {
            (_, None) => Ok(()),
            (_, Some(why)) => Err(why),
        }
    }

    fn delete(&self, account: &str) -> Result<(), String> {
        let _ = self.memory.delete(account);
        Keychain.delete(account)
    }
}

/// The keychain account of the mail server's password.
pub fn smtp_account(host: &str, username: &str) -> String {
    format!("smtp:{username}@{host}")
}
