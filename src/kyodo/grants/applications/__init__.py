"""Applications (交付申請) and their whole lifecycle: states and workflow, the services of each step,
the amounts, the state builder, the staff pages."""
