//! Indonesian date expressions. (Skeleton: lands with the metadata work.)

use crate::lang::{LangData, LangError};

/// Month and day names and relative-day words of a language (`calendar.toml`).
#[derive(Debug)]
pub struct Calendar {}

impl Calendar {
    pub fn load(data: &LangData<'_>) -> Result<Self, LangError> {
        data.file("calendar.toml")?;
        Ok(Calendar {})
    }
}
