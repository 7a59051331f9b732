//! Which initiative inspired which: the lasting graph of the movement. A link goes from a source
//! (an initiative, or an event where initiatives were presented) to the initiative it inspired.
//! Links proposed at an event are decided by its organisers or a moderator; pages show only the
//! confirmed ones. Compiles for the browser too (the types pages show).
use serde::{Deserialize, Serialize};

pub mod api;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod graph;
#[cfg(feature = "ssr")]
mod mails;
pub mod propose_page;
pub mod queue;
#[cfg(feature = "ssr")]
pub mod ranking;
#[cfg(feature = "ssr")]
pub mod store;
pub mod view;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkStatus {
    Proposed,
    Confirmed,
    Rejected,
}

impl LinkStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkStatus::Proposed => "proposed",
            LinkStatus::Confirmed => "confirmed",
            LinkStatus::Rejected => "rejected",
        }
    }

    pub fn parse(raw: &str) -> Option<LinkStatus> {
        [
            LinkStatus::Proposed,
            LinkStatus::Confirmed,
            LinkStatus::Rejected,
        ]
        .into_iter()
        .find(|status| status.as_str() == raw)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EndKind {
    Initiative,
    Event,
}

/// One end of a link, as a page names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkEnd {
    pub kind: EndKind,
    pub id: i64,
    pub title: String,
    pub city: Option<String>,
    /// Only published initiatives (and every event) have a page to link to.
    pub public: bool,
}

impl LinkEnd {
    pub fn path(&self) -> String {
        match self.kind {
            EndKind::Initiative => format!("/initiatives/{}", self.id),
            EndKind::Event => format!("/events/{}", self.id),
        }
    }
}

/// The confirmed links of an initiative, both ways.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InitiativeLinks {
    pub inspired_by: Vec<LinkEnd>,
    pub inspired: Vec<LinkEnd>,
}

/// A link proposed at an event, as its organisers see it to decide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposedLink {
    pub id: i64,
    pub source: LinkEnd,
    pub target: LinkEnd,
    pub status: LinkStatus,
    /// The proposer's display name.
    pub proposer: String,
}

/// An initiative started from an event: the event, and the presented initiatives its
/// spotter says inspired it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventInspiration {
    pub event: i64,
    pub initiatives: Vec<i64>,
}

/// An organiser's (or moderator's) decision on a proposed link.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionForm {
    pub link: i64,
    /// "confirm" or "reject"
    #[serde(default)]
    pub decision: String,
}

impl DecisionForm {
    pub fn status(&self) -> Option<LinkStatus> {
        match self.decision.as_str() {
            "confirm" => Some(LinkStatus::Confirmed),
            "reject" => Some(LinkStatus::Rejected),
            _ => None,
        }
    }
}

/// Initiatives one initiative may say it was inspired by (proposed or confirmed).
pub const MAX_SOURCES: usize = 10;
/// Generations the lineage walks down at most: deeper than any real lineage, and a bound on the
/// walk should bad data ever hold a cycle.
pub const MAX_GENERATIONS: i64 = 100;
/// Generations the page's tree shows, down and up.
pub const TREE_GENERATIONS: i64 = 3;
/// Initiatives the page's tree names at most; the counts say how many more there are.
pub const TREE_NODES: usize = 60;
/// Descendants placed on the lineage map at most, nearest generations first.
pub const MAP_POINTS: usize = 300;
/// Cities listed beside the map at most, those with the most descendants first.
pub const PLACES: usize = 50;

/// An initiative in a lineage tree, with the initiatives below it (what it inspired, or, going
/// up, what inspired it). An initiative reached again by another path is shown once with its
/// branch and named again with `repeated`, without its branch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TreeNode {
    pub end: LinkEnd,
    pub repeated: bool,
    pub children: Vec<TreeNode>,
}

/// A city of an initiative's descendants, and how many of them are there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineagePlace {
    /// "City, Country".
    pub place: String,
    pub count: i64,
}

/// Where an initiative stands in the graph, for its page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Lineage {
    /// Published initiatives it inspired, in every generation.
    pub inspired: i64,
    /// The cities they are in.
    pub cities: i64,
    /// How many generations its lineage counts.
    pub generations: i64,
    /// What inspired it, and what inspired those (up to `TREE_GENERATIONS`).
    pub ancestors: Vec<TreeNode>,
    /// What it inspired, and what those inspired (up to `TREE_GENERATIONS`, `TREE_NODES`).
    pub descendants: Vec<TreeNode>,
    /// The descendants' cities, most first (up to `PLACES`): the list beside the map.
    pub places: Vec<LineagePlace>,
    /// Up to `MAP_POINTS` descendants as the map script reads them (JSON).
    pub points_json: String,
    /// The map's tiles (the site's settings).
    pub tile_url: String,
    pub tile_attribution: String,
}

impl Lineage {
    /// Published descendants the tree does not name.
    pub fn beyond_tree(&self) -> i64 {
        fn named(nodes: &[TreeNode]) -> i64 {
            nodes
                .iter()
                .map(|node| i64::from(!node.repeated) + named(&node.children))
                .sum()
        }
        (self.inspired - named(&self.descendants)).max(0)
    }
}

/// A branch of a lineage tree by initiative ids, before the initiatives are named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branch {
    pub id: i64,
    pub repeated: bool,
    pub children: Vec<Branch>,
}

/// The tree below `root` from `edges` (parent, child) in the order given, depth first, naming
/// at most `limit` initiatives. An initiative met again (two parents) is a `repeated` leaf;
/// the root met again (a cycle in bad data) is left out.
pub fn branches(root: i64, edges: &[(i64, i64)], limit: usize) -> Vec<Branch> {
    let mut walk = Walk {
        root,
        edges,
        limit,
        seen: std::collections::HashSet::new(),
        named: 0,
    };
    walk.below(root)
}

struct Walk<'a> {
    root: i64,
    edges: &'a [(i64, i64)],
    limit: usize,
    seen: std::collections::HashSet<i64>,
    named: usize,
}

impl Walk<'_> {
    fn below(&mut self, parent: i64) -> Vec<Branch> {
        let mut children = Vec::new();
        let edges = self.edges;
        for &(_, child) in edges.iter().filter(|edge| edge.0 == parent) {
            if child == self.root {
                continue;
            }
            if self.named >= self.limit {
                break;
            }
            self.named += 1;
            let repeated = !self.seen.insert(child);
            children.push(Branch {
                id: child,
                repeated,
                children: if repeated {
                    Vec::new()
                } else {
                    self.below(child)
                },
            });
        }
        children
    }
}

/// An initiative and what it inspired, for the "most inspiring" ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inspiring {
    pub end: LinkEnd,
    pub inspired: i64,
    pub cities: i64,
}

/// A spotter (or moderator) saying that `target` was inspired by `source`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalForm {
    pub target: i64,
    pub source: i64,
}

/// A link as the page of its target lists it, with where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceLink {
    pub source: LinkEnd,
    pub status: LinkStatus,
}

/// The "inspired by" page of an initiative: its links so far, and the published initiatives
/// matching the search typed, to propose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposalStart {
    pub target: LinkEnd,
    pub links: Vec<SourceLink>,
    pub candidates: Vec<LinkEnd>,
    /// The initiative may name no more sources.
    pub full: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(branches: &[Branch]) -> Vec<(i64, bool, usize)> {
        branches
            .iter()
            .map(|branch| (branch.id, branch.repeated, branch.children.len()))
            .collect()
    }

    #[test]
    fn a_tree_follows_the_edges_depth_first_and_names_a_shared_child_once() {
        // 1 inspired 2 and 3; both inspired 4; 4 inspired 5.
        let edges = [(1, 2), (1, 3), (2, 4), (3, 4), (4, 5)];
        let tree = branches(1, &edges, 10);
        assert_eq!(ids(&tree), vec![(2, false, 1), (3, false, 1)]);
        assert_eq!(ids(&tree[0].children), vec![(4, false, 1)]);
        assert_eq!(ids(&tree[0].children[0].children), vec![(5, false, 0)]);
        assert_eq!(ids(&tree[1].children), vec![(4, true, 0)]);
    }

    #[test]
    fn a_tree_stops_at_its_limit_and_survives_a_cycle_in_bad_data() {
        let edges = [(1, 2), (2, 3), (3, 1), (1, 4), (1, 5)];
        let tree = branches(1, &edges, 3);
        assert_eq!(ids(&tree), vec![(2, false, 1), (4, false, 0)]);
        // The edge back to the root is left out: a cycle is never walked.
        assert_eq!(ids(&tree[0].children), vec![(3, false, 0)]);
    }

    #[test]
    fn beyond_the_tree_counts_what_it_does_not_name() {
        let end = LinkEnd {
            kind: EndKind::Initiative,
            id: 2,
            title: "Repair café".into(),
            city: None,
            public: true,
        };
        let node = |repeated| TreeNode {
            end: end.clone(),
            repeated,
            children: Vec::new(),
        };
        let lineage = Lineage {
            inspired: 5,
            descendants: vec![node(false), node(true), node(false)],
            ..Default::default()
        };
        assert_eq!(lineage.beyond_tree(), 3);
    }
}
