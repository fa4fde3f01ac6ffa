//! The five stages of the customer lifecycle.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum LifecycleStage {
    Reach,
    Acquisition,
    Conversion,
    Retention,
    Loyalty,
}

impl LifecycleStage {
    pub const ALL: [LifecycleStage; 5] = [
        LifecycleStage::Reach,
        LifecycleStage::Acquisition,
        LifecycleStage::Conversion,
        LifecycleStage::Retention,
        LifecycleStage::Loyalty,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LifecycleStage::Reach => "reach",
            LifecycleStage::Acquisition => "acquisition",
            LifecycleStage::Conversion => "conversion",
            LifecycleStage::Retention => "retention",
            LifecycleStage::Loyalty => "loyalty",
        }
    }

    /// The friendly label shown to people (the UI has the same table).
    pub fn label(self) -> &'static str {
        match self {
            LifecycleStage::Reach => "New lead",
            LifecycleStage::Acquisition => "Engaged lead",
            LifecycleStage::Conversion => "Opportunity",
            LifecycleStage::Retention => "Customer",
            LifecycleStage::Loyalty => "Loyal customer",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s || st.label().eq_ignore_ascii_case(s))
    }
}
