//! The inventory pages' catalog (Swedish and English, the same keys in the
//! same order).

mod en;
mod sv;

pub use en::INVENTORY_EN;
pub use sv::INVENTORY_SV;
