//! Service owners (`org` codes) and their names, as Altinn's organisation list gives them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgName {
    pub nb: String,
    pub nn: String,
    pub en: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceOwner {
    pub org: String,
    pub org_no: String,
    pub name: OrgName,
}

impl ServiceOwner {
    pub fn name_in(&self, lang: &str) -> &str {
        match lang {
            "nn" => &self.name.nn,
            "en" => &self.name.en,
            _ => &self.name.nb,
        }
    }
}
