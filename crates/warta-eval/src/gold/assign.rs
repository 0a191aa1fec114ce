//! One-to-one assignment of predicted items to gold items.
//!
//! GOLD_FORMAT.md says each gold item matches at most one predicted item; a predicted item
//! can likewise only be credited once. Greedy matching in document order can strand a gold
//! item (a prediction that fits two gold items takes the first, and the second gold item's
//! only candidate is gone), so the scorer solves the assignment exactly: it finds a maximum
//! matching, and among the maximum matchings one that maximises the agreement on secondary
//! attributes (quote speaker, event place and day). The solver is the Hungarian algorithm on
//! a square matrix padded with non-edges; the lists are a few dozen items long.

/// Which gold item was paired with which predicted item, and what was left over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assignment {
    /// `(gold index, predicted index)` pairs, sorted by gold index.
    pub pairs: Vec<(usize, usize)>,
    pub unmatched_gold: Vec<usize>,
    pub unmatched_predicted: Vec<usize>,
}

/// Pairs gold and predicted items one to one.
///
/// `edge(gold, predicted)` is `None` when the two cannot match and `Some(bonus)` when they
/// can, `bonus` counting the secondary attributes they agree on. The result has the largest
/// possible number of pairs and, among those, the largest total bonus.
pub fn assign(
    gold_count: usize,
    predicted_count: usize,
    edge: impl Fn(usize, usize) -> Option<u32>,
) -> Assignment {
    let edges: Vec<Vec<Option<u32>>> = (0..gold_count)
        .map(|gold| {
            (0..predicted_count)
                .map(|predicted| edge(gold, predicted))
                .collect()
        })
        .collect();
    let largest_bonus = edges.iter().flatten().flatten().copied().max().unwrap_or(0);
    // A pair is worth more than any sum of bonuses, so maximising the total weight maximises
    // the number of pairs first and the bonus second.
    let pair_weight = i64::from(largest_bonus) * gold_count.min(predicted_count) as i64 + 1;

    let size = gold_count.max(predicted_count);
    let cost: Vec<Vec<i64>> = (0..size)
        .map(|gold| {
            (0..size)
                .map(|predicted| {
                    let bonus = edges.get(gold).and_then(|row| row.get(predicted)).copied();
                    match bonus.flatten() {
                        Some(bonus) => -(pair_weight + i64::from(bonus)),
                        None => 0,
                    }
                })
                .collect()
        })
        .collect();

    let column_of_row = minimum_cost_assignment(&cost);
    let mut result = Assignment::default();
    let mut predicted_taken = vec![false; predicted_count];
    for (gold, &predicted) in column_of_row.iter().enumerate().take(gold_count) {
        let is_edge = predicted < predicted_count && edges[gold][predicted].is_some();
        if is_edge {
            result.pairs.push((gold, predicted));
            predicted_taken[predicted] = true;
        } else {
            result.unmatched_gold.push(gold);
        }
    }
    result.unmatched_predicted = (0..predicted_count)
        .filter(|&predicted| !predicted_taken[predicted])
        .collect();
    result
}

/// Hungarian algorithm with row and column potentials, O(n³): for a square cost matrix,
/// the column assigned to each row in an assignment of minimum total cost.
fn minimum_cost_assignment(cost: &[Vec<i64>]) -> Vec<usize> {
    let size = cost.len();
    let unreachable = i64::MAX / 4;
    // Index 0 is a virtual column/row used to start each augmenting search; real rows and
    // columns are 1-based.
    let mut row_potential = vec![0i64; size + 1];
    let mut column_potential = vec![0i64; size + 1];
    let mut row_of_column = vec![0usize; size + 1];
    let mut previous_column = vec![0usize; size + 1];

    for row in 1..=size {
        row_of_column[0] = row;
        let mut current_column = 0usize;
        let mut slack = vec![unreachable; size + 1];
        let mut visited = vec![false; size + 1];
        loop {
            visited[current_column] = true;
            let current_row = row_of_column[current_column];
            let mut delta = unreachable;
            let mut next_column = 0usize;
            for column in 1..=size {
                if visited[column] {
                    continue;
                }
                let reduced = cost[current_row - 1][column - 1]
                    - row_potential[current_row]
                    - column_potential[column];
                if reduced < slack[column] {
                    slack[column] = reduced;
                    previous_column[column] = current_column;
                }
                if slack[column] < delta {
                    delta = slack[column];
                    next_column = column;
                }
            }
            for column in 0..=size {
                if visited[column] {
                    row_potential[row_of_column[column]] += delta;
                    column_potential[column] -= delta;
                } else {
                    slack[column] -= delta;
                }
            }
            current_column = next_column;
            if row_of_column[current_column] == 0 {
                break;
            }
        }
        // Flip the augmenting path back to the virtual column.
        while current_column != 0 {
            let previous = previous_column[current_column];
            row_of_column[current_column] = row_of_column[previous];
            current_column = previous;
        }
    }

    let mut column_of_row = vec![0usize; size];
    for column in 1..=size {
        if row_of_column[column] != 0 {
            column_of_row[row_of_column[column] - 1] = column - 1;
        }
    }
    column_of_row
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The best (pair count, bonus) over every one-to-one matching, by exhaustive search.
    fn best_by_search(
        edges: &[Vec<Option<u32>>],
        gold: usize,
        taken: &mut Vec<bool>,
    ) -> (usize, u32) {
        if gold == edges.len() {
            return (0, 0);
        }
        let mut best = best_by_search(edges, gold + 1, taken);
        for predicted in 0..taken.len() {
            if let (false, Some(bonus)) = (taken[predicted], edges[gold][predicted]) {
                taken[predicted] = true;
                let (pairs, total) = best_by_search(edges, gold + 1, taken);
                taken[predicted] = false;
                best = best.max((pairs + 1, total + bonus));
            }
        }
        best
    }

    #[test]
    fn assignment_is_as_good_as_exhaustive_search_on_random_graphs() {
        // A fixed linear congruential sequence keeps the test deterministic without a crate.
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |bound: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % bound
        };
        for _ in 0..500 {
            let gold_count = next(6) as usize;
            let predicted_count = next(6) as usize;
            let edges: Vec<Vec<Option<u32>>> = (0..gold_count)
                .map(|_| {
                    (0..predicted_count)
                        .map(|_| (next(3) == 0).then(|| next(3) as u32))
                        .collect()
                })
                .collect();
            let assignment = assign(gold_count, predicted_count, |g, p| edges[g][p]);
            let bonus: u32 = assignment
                .pairs
                .iter()
                .map(|&(g, p)| edges[g][p].unwrap())
                .sum();
            let expected = best_by_search(&edges, 0, &mut vec![false; predicted_count]);
            assert_eq!((assignment.pairs.len(), bonus), expected, "{edges:?}");
            assert_eq!(
                assignment.pairs.len() + assignment.unmatched_gold.len(),
                gold_count
            );
            assert_eq!(
                assignment.pairs.len() + assignment.unmatched_predicted.len(),
                predicted_count
            );
        }
    }
}
