//! The rules across regions (TB3xx, 四级四同): one file each, with its declaration and doc, the
//! list of them, and the pass that runs them over every guide of a run (`pass.rs`).

use crate::diagnostic::{Sample, Text};
use crate::rules::rule::CrossRule;

mod basic_code;
mod competent_department;
mod implementing_agency;
mod item_name;
mod item_type;
mod legal_basis;
mod pass;

pub use pass::*;

/// Why the elements of "四级四同" must agree across regions: the `why` of every cross-region
/// rule's doc.
const FOUR_SAME: Text = Text {
    zh: "“四级四同”：每个办理项在国家、省、市、县四级的六个基本要素——事项名称、事项编码、事项类型、主管部门、实施机关、设定和实施依据——必须相同（2022 年某省政务服务事项拆分工作流程文件，https://1wenmi.com/doc/133489.html；湖北鄂政办发〔2020〕64号使用了这一提法）。跨省通办正是靠这些要素在两个地区认出同一个事项。指南的其他内容可以不同，这些要素不可以，除非差异是有意为之并有记录（用抑制注释写明理由）。",
    en: r#""四级四同": each 办理项 must have the same six basic elements — 事项名称、事项编码、事项类型、
主管部门、实施机关、设定和实施依据 — at 国家/省/市/县 level (a 2022 provincial work-flow document on 政务服务事项 splitting, https://1wenmi.com/doc/133489.html; the term is used by 湖北 鄂政办发〔2020〕64号).
These are what 跨省通办 relies on to recognise one item in two regions. Everything else in a
guide may vary; these may not, unless the difference is deliberate and recorded (suppress the
finding with a reason)."#,
};

/// A cross-region rule's example: one guide of an item whose other guide is the baseline.
const fn two_guides(yaml: &'static str) -> Sample {
    Sample::yaml(yaml).with_note(
        "同一事项的两份指南，其中一份（catalogs/national/x.yaml）为基准：",
        "Two guides of the same item, one of them (in catalogs/national/x.yaml) the baseline:",
    )
}

/// Every cross-region rule (四级四同), sorted by code.
pub const CROSS_RULES: &[&dyn CrossRule] = &[
    &item_name::CrossItemName,
    &basic_code::CrossBasicCode,
    &item_type::CrossItemType,
    &competent_department::CrossCompetentDepartment,
    &implementing_agency::CrossImplementingAgency,
    &legal_basis::CrossLegalBasis,
];
