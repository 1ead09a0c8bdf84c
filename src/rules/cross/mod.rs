//! The rules across regions (TB3xx, 四级四同): one file each, with its declaration and doc, the
//! list of them, and the pass that runs them over every guide of a run (`pass.rs`).

use crate::rules::rule::CrossRule;

mod basic_code;
mod competent_department;
mod implementing_agency;
mod item_name;
mod item_type;
mod legal_basis;
mod pass;

pub use pass::*;

/// Every cross-region rule (四级四同), sorted by code.
pub const CROSS_RULES: &[&dyn CrossRule] = &[
    &item_name::CrossItemName,
    &basic_code::CrossBasicCode,
    &item_type::CrossItemType,
    &competent_department::CrossCompetentDepartment,
    &implementing_agency::CrossImplementingAgency,
    &legal_basis::CrossLegalBasis,
];
