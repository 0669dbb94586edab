using LocalGovStandard.PeerAssessments;
using LocalGovStandard.PeerAssessments.Proposals;
using LocalGovStandard.Standards;
using static LocalGovStandard.Tests.PeerAssessments.ProposerInputs;

namespace LocalGovStandard.Tests.PeerAssessments.AfterReport;

/// <summary>A reassessment's proposal offers the first panel again, each in their role, before the usual order; the proposer is pure, so these need only its input.</summary>
public sealed class FirstPanelProposerTests
{
    // The usual order would pick the London people (same peer group, nobody has sat yet); the first panel was from Scotland.
    private static readonly ApprovedAssessor[] Pool =
    [
        Assessor("near-lead", "Ada Near", "E09000007", "london", Lead.Id),
        Assessor("near-research", "Ben Near", "E09000001", "london", Research.Id),
        Assessor("near-design", "Cat Near", "E09000002", "london", Design.Id),
        Assessor("first-lead", "Fay First", "S12000001", "scotland", Lead.Id),
        Assessor("first-research", "Gus First", "S12000002", "scotland", Research.Id, Lead.Id),
        Assessor("first-design", "Hal First", "S12000003", "scotland", Design.Id),
    ];

    private static readonly FirstPanelSeat[] FirstPanel =
    [
        new(Lead.Id, "first-lead", "Fay First"), new(Research.Id, "first-research", "Gus First"), new(Design.Id, "first-design", "Hal First"),
    ];

    [Fact]
    public void WithoutAFirstPanel_TheUsualOrderPicksTheNearest()
    {
        var proposal = PanelProposer.Propose(Input(Pool));

        Assert.Equal(["near-lead", "near-research", "near-design"], proposal.Members.Select(m => m.AssessorId));
        Assert.All(proposal.Members, m => Assert.False(m.SatOnFirstPanel));
    }

    [Fact]
    public void TheFirstPanel_IsOfferedAgain_InTheSameRoles_AndSaysSo_WhateverOrderThePoolComesIn()
    {
        var proposal = PanelProposer.Propose(Input(Pool) with { FirstPanel = FirstPanel });
        var shuffled = PanelProposer.Propose(Input(Pool.Reverse()) with { FirstPanel = FirstPanel.Reverse().ToList() });

        Assert.Equal(["first-lead", "first-research", "first-design"], proposal.Members.Select(m => m.AssessorId));
        Assert.All(proposal.Members, m => Assert.True(m.SatOnFirstPanel));
        Assert.Equal(
            "Fay First, S12000001 council: lead assessor, sat on the first assessment, 0 assessments in the last 12 months, no nearer assessor (Scotland), available 12 March 2027",
            proposal.Members[0].Explanation);
        Assert.Equal((proposal.Date, proposal.DateExplanation), (shuffled.Date, shuffled.DateExplanation));
        Assert.Equal(proposal.Members, shuffled.Members);
    }

    [Fact]
    public void AFirstPanelMemberWhoCannotSit_IsReplacedByTheUsualChoice_WithTheReason()
    {
        var pool = Pool.Where(a => a.AssessorId != "first-lead")
            .Select(a => a.AssessorId == "first-design" ? a with { Unavailable = [March12, March19] } : a)
            .ToList();

        var proposal = PanelProposer.Propose(Input(pool) with { FirstPanel = FirstPanel });

        Assert.Equal(["near-lead", "first-research", "near-design"], proposal.Members.Select(m => m.AssessorId));
        Assert.EndsWith("; in place of Fay First, who was on the first panel but is no longer an approved assessor", proposal.Members[0].Explanation, StringComparison.Ordinal);
        Assert.EndsWith("; in place of Hal First, who was on the first panel but is not available on any preferred date", proposal.Members[2].Explanation, StringComparison.Ordinal);
        Assert.Equal([false, true, false], proposal.Members.Select(m => m.SatOnFirstPanel));
    }

    [Fact]
    public void TheDate_IsTheOneMostOfTheFirstPanelCanSit_EvenWhenMoreOthersAreFreeOnAnother()
    {
        // Without the first panel, 12 March would win: four are free on it, three on the 19th.
        var pool = Pool.Select(a => a with { Unavailable = [a.AssessorId.StartsWith("first", StringComparison.Ordinal) ? March12 : March19] })
            .Append(Assessor("extra", "Ivy Extra", "E09000003", "london", Design.Id) with { Unavailable = [March19] })
            .ToList();
        Assert.Equal(March12, PanelProposer.Propose(Input(pool)).Date);

        var proposal = PanelProposer.Propose(Input(pool) with { FirstPanel = FirstPanel });

        Assert.Equal(March19, proposal.Date);
        Assert.Equal(["first-lead", "first-research", "first-design"], proposal.Members.Select(m => m.AssessorId));
        Assert.Equal(
            "19 March 2027: 3 of the 3 members of the first panel can sit again, the most of the 2 preferred dates; 3 of the 7 eligible assessors are free",
            proposal.DateExplanation);
    }

    [Fact]
    public void AFirstPanelMemberAtTheirQuarterlyLimit_OrNowAConflict_IsNotOfferedAgain()
    {
        var seats = new[] { new PanelSeat("first-research", new DateOnly(2027, 1, 10)), new PanelSeat("first-research", new DateOnly(2027, 3, 1)) };
        var input = Input(Pool) with { FirstPanel = FirstPanel, Seats = seats, Conflicts = ["S12000003"] };

        var proposal = PanelProposer.Propose(input);

        Assert.Equal(["first-lead", "near-research", "near-design"], proposal.Members.Select(m => m.AssessorId));
        Assert.EndsWith("who was on the first panel but has reached their quarterly limit in the quarter of 12 March 2027", proposal.Members[1].Explanation, StringComparison.Ordinal);
        Assert.EndsWith("who was on the first panel but is from a declared conflict", proposal.Members[2].Explanation, StringComparison.Ordinal);
    }
}
