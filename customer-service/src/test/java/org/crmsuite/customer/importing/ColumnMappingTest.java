package org.crmsuite.customer.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnMappingTest {

    @Test
    void fieldNamesAndChineseHeadersMapByThemselves() {
        ColumnMapping mapping = ColumnMapping.of(List.of("公司名称", "统一社会信用代码", "phone", "备注"), null);
        assertThat(mapping.field(0)).isEqualTo("legalName");
        assertThat(mapping.field(1)).isEqualTo("uscc");
        assertThat(mapping.field(2)).isEqualTo("phone");
        assertThat(mapping.field(3)).isNull();
        assertThat(mapping.ignored()).containsExactly("备注");
    }

    @Test
    void anExplicitMappingWins() {
        ColumnMapping mapping = ColumnMapping.of(List.of("客户全称", "联系电话", "电话"), "客户全称=legalName,联系电话:phone");
        assertThat(mapping.field(0)).isEqualTo("legalName");
        assertThat(mapping.field(1)).isEqualTo("phone");
        assertThatThrownBy(() -> ColumnMapping.of(List.of("客户全称", "联系电话", "电话"), "客户全称=legalName,联系电话=phone,电话=phone"))
                .isInstanceOf(CrmProblemException.class);
    }

    @Test
    void aMissingRequiredColumnOrABadMappingIsRefused() {
        assertThatThrownBy(() -> ColumnMapping.of(List.of("电话", "邮箱"), null)).isInstanceOfSatisfying(CrmProblemException.class,
                e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("legalName"));
        assertThatThrownBy(() -> ColumnMapping.of(List.of("名字"), "名字=name")).isInstanceOfSatisfying(CrmProblemException.class,
                e -> assertThat(e.violations()).extracting(FieldViolation::field).contains("mapping"));
        assertThatThrownBy(() -> ColumnMapping.of(List.of("公司名称"), "不存在=phone")).isInstanceOfSatisfying(CrmProblemException.class,
                e -> assertThat(e.violations().get(0).reason()).contains("no column \"不存在\""));
    }

    @Test
    void encodingIsCheckedAtTheStart() throws IOException {
        byte[] gbk = "公司名称\n杭州云栖科技有限公司\n".getBytes(ImportInput.GBK);
        assertThatThrownBy(() -> ImportInput.open(new ByteArrayInputStream(gbk), StandardCharsets.UTF_8))
                .isInstanceOfSatisfying(CrmProblemException.class, e -> assertThat(e.getMessage()).contains("not valid UTF-8"));
        try (Reader reader = ImportInput.open(new ByteArrayInputStream(gbk), ImportInput.GBK)) {
            assertThat(new java.io.BufferedReader(reader).readLine()).isEqualTo("公司名称");
        }
        byte[] bom = "\uFEFF公司名称\n".getBytes(StandardCharsets.UTF_8);
        try (Reader reader = ImportInput.open(new ByteArrayInputStream(bom), StandardCharsets.UTF_8)) {
            assertThat(new java.io.BufferedReader(reader).readLine()).isEqualTo("公司名称");
        }
        assertThatThrownBy(() -> ImportInput.open(new ByteArrayInputStream(new byte[0]), StandardCharsets.UTF_8))
                .isInstanceOfSatisfying(CrmProblemException.class, e -> assertThat(e.getMessage()).contains("empty"));
        assertThatThrownBy(() -> ImportInput.charset("BIG5", null)).isInstanceOf(CrmProblemException.class);
        assertThat(ImportInput.charset(null, "gbk")).isEqualTo(ImportInput.GBK);
        assertThat(ImportInput.charset("utf-8", "GBK")).isEqualTo(StandardCharsets.UTF_8);
    }
}
